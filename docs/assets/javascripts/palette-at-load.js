// Material marks <body> with data-md-color-switching while it applies a palette, so that
// nothing animates during a switch; its stylesheet then matches every element of the page
// ([data-md-color-switching] *). It also applies the palette once at load, when the inline
// script in <head> has already set it: there the mark only makes the browser restyle the
// whole document twice (a long task on a notebook page of 4,000 elements). Skip the mark
// at load; every switch the reader makes still gets it.
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
})();
