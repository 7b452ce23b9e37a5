// Material downloads the whole search index (~0.6 MB) and builds it in a worker on every
// page load, whether or not the reader searches. Hold that one request back until the
// reader opens search (click, tap, focus, or the / s f shortcuts, which focus the box),
// or arrives from a search result (?h= highlights the words found). Material itself
// works this way when pages are opened from disk, so its search UI waits for the index.
(() => {
  const INDEX = /\/search\/search_index\.json$/;
  let open;
  const wanted = new Promise((resolve) => { open = resolve; });
  if (new URL(location.href).searchParams.has("h")) open();
  document.addEventListener("change", (event) => event.target.id === "__search" && event.target.checked && open());
  document.addEventListener("focusin", (event) => event.target.closest && event.target.closest("form[name=search]") && open());
  document.addEventListener("pointerdown", (event) => event.target.closest && event.target.closest("label[for=__search], .md-search") && open());

  const { open: xhrOpen, send: xhrSend } = XMLHttpRequest.prototype;
  XMLHttpRequest.prototype.open = function (method, url, ...rest) {
    this.onDemand = INDEX.test(new URL(url, location.href).pathname);
    return xhrOpen.call(this, method, url, ...rest);
  };
  XMLHttpRequest.prototype.send = function (body) {
    if (!this.onDemand) return xhrSend.call(this, body);
    wanted.then(() => xhrSend.call(this, body));
  };
})();
