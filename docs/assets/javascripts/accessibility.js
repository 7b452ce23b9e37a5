// Each table sits in a scrolling box (the build wraps it as Material would:
// tools/site/table_markup.py), and so do notebook cells (mkdocs-jupyter). A wide one scrolls
// sideways, and a keyboard user can only scroll a box that can take focus (axe:
// scrollable-region-focusable). The boxes come with the page, so this need not wait for Material.
document.addEventListener("DOMContentLoaded", () => {
  for (const box of document.querySelectorAll(".md-typeset__scrollwrap, .jp-InputArea-editor .highlight-ipynb, .jp-OutputArea-output pre")) {
    box.tabIndex = 0;
  }
});
