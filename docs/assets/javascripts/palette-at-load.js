// Material applies the palette once more when its script runs at the end of the body,
// though the inline script at the top of <body> has already set it. Two parts of that
// make the browser restyle the whole document (a long task on a page of 4,000 elements):
//
// * It marks <body> with data-md-color-switching, so that nothing animates during a
//   switch; its stylesheet then matches every element of the page
//   ([data-md-color-switching] *). Skipped at load; every switch the reader makes gets it.
// * It appends a <meta name="color-scheme"> to <head> and then sets it; Chromium restyles
//   every element on each of the two. The meta is left out: accessibility.css gives the
//   root element the palette's colour scheme instead (scrollbars, form controls), which a
//   switch changes with the restyle the switch makes anyway.
(() => {
  const body = document.body;
  const setAttribute = body.setAttribute;
  body.setAttribute = function (name, value) {
    if (name === "data-md-color-switching") {
      delete body.setAttribute; // back to Element.prototype.setAttribute for every later switch
      return;
    }
    return setAttribute.call(this, name, value);
  };

  const head = document.head;
  const appendChild = head.appendChild;
  head.appendChild = function (node) {
    if (node instanceof HTMLMetaElement && node.name === "color-scheme") {
      delete head.appendChild; // Material appends it once; everything after is appended as usual
      return node;
    }
    return appendChild.call(this, node);
  };
})();
