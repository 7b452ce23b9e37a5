// Material wraps each table in a scrolling box; a wide table scrolls sideways, and a
// keyboard user can only scroll a box that can take focus (axe: scrollable-region-focusable).
document$.subscribe(() => {
  for (const box of document.querySelectorAll(".md-typeset__scrollwrap")) {
    box.tabIndex = 0;
  }
});
