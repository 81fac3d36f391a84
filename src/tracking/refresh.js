// The tracking page while the driver is on the way: reload it every `data-secs` seconds for the
// news, unless the customer is typing in one of its forms (a reload would lose what they typed)
// or is not looking at it. Without script, a <noscript> meta refresh does the plain reload.
(function () {
  var secs = Number(document.currentScript.dataset.secs) || 60;
  var typed = false;
  document.addEventListener("input", function () {
    typed = true;
  });
  setInterval(function () {
    var active = document.activeElement;
    var busy = typed || (active && /^(INPUT|TEXTAREA|SELECT)$/.test(active.tagName));
    if (!busy && document.visibilityState === "visible") {
      location.reload();
    }
  }, secs * 1000);
})();
