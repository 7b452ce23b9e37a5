// Material wraps each table in a scrolling box; a wide table scrolls sideways, and a
// keyboard user can only scroll a box that can take focus (axe: scrollable-region-focusable).
document$.subscribe(() => {
  // Notebook cells (mkdocs-jupyter) scroll sideways too: let the keyboard reach them.
  for (const box of document.querySelectorAll(".md-typeset__scrollwrap, .jp-InputArea-editor .highlight-ipynb, .jp-OutputArea-output pre")) {
    box.tabIndex = 0;
  }
  // Material gives each code block a <nav> for its copy button (created, like the table boxes
  // above, before this runs). That is a toolbar, not a way around the site: as landmarks, a page
  // with 20 blocks had 20 unnamed "navigation" regions to wade through (axe: landmark-unique).
  for (const nav of document.querySelectorAll("nav.md-code__nav")) {
    nav.setAttribute("role", "presentation");
  }
});

