/* The filter box of the portal's index: shows only the units whose name, id or period holds
   every word typed, ignoring case and Vietnamese tone marks ("hong dan" finds "Hồng Dân").
   The form stays hidden where scripts do not run; the page is complete without it. */
(function () {
  "use strict";
  var form = document.querySelector("form.filter");
  if (!form || !String.prototype.normalize) { return; }
  var input = form.querySelector("input");
  var none = document.getElementById("filter-none");
  var fold = function (text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/[đĐ]/g, "d").toLowerCase();
  };
  var rows = Array.prototype.slice.call(document.querySelectorAll("[data-search]"));
  var sections = Array.prototype.slice.call(document.querySelectorAll("section.period"));
  var folded = rows.map(function (row) { return fold(row.getAttribute("data-search")); });
  var apply = function () {
    var words = fold(input.value).split(/\s+/).filter(Boolean);
    var shown = 0;
    rows.forEach(function (row, index) {
      var hit = words.every(function (word) { return folded[index].indexOf(word) >= 0; });
      row.hidden = !hit;
      if (hit) { shown += 1; }
    });
    sections.forEach(function (section) {
      section.hidden = !section.querySelector("[data-search]:not([hidden])");
    });
    none.hidden = shown > 0;
  };
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  input.addEventListener("input", apply);
  form.hidden = false;
  if (input.value) { apply(); }
}());
