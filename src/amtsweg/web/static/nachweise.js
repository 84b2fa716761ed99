// Review of read Nachweise: when a proposal gets keyboard focus or the pointer, highlight its evidence
// box in the page image (SVG rect with the same data-vorschlag) and the proposal itself. No inline code.
(function () {
  "use strict";
  function markiere(id, an) {
    document.querySelectorAll('[data-vorschlag="' + id + '"]').forEach(function (el) {
      var klasse = el.tagName.toLowerCase() === "rect" ? "amtsweg-fundstelle--aktiv" : "amtsweg-vorschlag--aktiv";
      el.classList.toggle(klasse, an);
    });
  }
  function vorschlag(ereignis) {
    var el = ereignis.target.closest ? ereignis.target.closest("li[data-vorschlag]") : null;
    return el ? el.getAttribute("data-vorschlag") : null;
  }
  ["focusin", "mouseover"].forEach(function (art) {
    document.addEventListener(art, function (e) { var id = vorschlag(e); if (id) { markiere(id, true); } });
  });
  ["focusout", "mouseout"].forEach(function (art) {
    document.addEventListener(art, function (e) { var id = vorschlag(e); if (id) { markiere(id, false); } });
  });
})();
