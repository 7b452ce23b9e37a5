// Each table sits in a scrolling box (wrapped by the build as Material would: tools/site/table_markup.py);
// a wide table scrolls sideways, and a keyboard user can only scroll a box that can take focus (axe: scrollable-region-focusable).
document$.subscribe(() => {
  // Notebook cells (mkdocs-jupyter) scroll sideways too: let the keyboard reach them.
  for (const box of document.querySelectorAll(".md-typeset__scrollwrap, .jp-InputArea-editor .highlight-ipynb, .jp-OutputArea-output pre")) {
    box.tabIndex = 0;
  }
});

