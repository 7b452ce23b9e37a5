// Material measures every code block as it sets the page up (is it wider than its box? then
// it gets a tabindex). For a block inside a closed <details>, Chromium keeps the hidden part
// styled but not laid out (content-visibility: hidden), and each measurement lays that part
// out anew, after the copy button Material has just inserted: on a reference page with 27
// closed test sources, a third of a second of a phone's CPU. While Material sets the page up,
// the hidden part of a closed <details> is display: none instead, which measures as nothing
// at no cost (Material measures such a block again when the reader opens it). Two frames
// later, once Material's first measurements are in, the browser's own rule is back: its
// find-in-page searches closed details again, and opens the one that holds a match.
(() => {
  const setup = new CSSStyleSheet();
  setup.replaceSync("details:not([open])::details-content { display: none; }");
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, setup];
  const restore = () => {
    document.adoptedStyleSheets = document.adoptedStyleSheets.filter((sheet) => sheet !== setup);
  };
  // Registered before Material's bundle runs, so this listener runs before Material's set-up,
  // and the second frame comes after that set-up's ResizeObserver reports.
  document.addEventListener("DOMContentLoaded", () => requestAnimationFrame(() => requestAnimationFrame(restore)));
})();
