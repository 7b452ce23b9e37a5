// Material wraps each table in a scrolling box; a wide table scrolls sideways, and a
// keyboard user can only scroll a box that can take focus (axe: scrollable-region-focusable).
document$.subscribe(() => {
  // Notebook cells (mkdocs-jupyter) scroll sideways too: let the keyboard reach them.
  for (const box of document.querySelectorAll(".md-typeset__scrollwrap, .jp-InputArea-editor .highlight-ipynb, .jp-OutputArea-output pre")) {
    box.tabIndex = 0;
  }
});

// Material gives each code block a <nav> for its copy button. That is a toolbar, not a
// way around the site: as landmarks, a page with 20 blocks had 20 unnamed "navigation"
// regions for a screen reader to wade through (axe: landmark-unique). The buttons stay.
const plainCodeNav = (root) => {
  for (const nav of root.querySelectorAll("nav.md-code__nav:not([role])")) nav.setAttribute("role", "presentation");
};
new MutationObserver(() => plainCodeNav(document)).observe(document.body, { childList: true, subtree: true });
plainCodeNav(document);
