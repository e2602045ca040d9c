// Progressive help for Passerelle's pages: every page works without it.
(function () {
  "use strict";
  // A select that submits its form when changed (the country selector, sort).
  document.querySelectorAll("select[data-autosubmit]").forEach(function (select) {
    select.addEventListener("change", function () { if (select.form) select.form.submit(); });
  });
  // Filters take the whole screen of a phone: there they start folded (open without script).
  if (window.matchMedia && window.matchMedia("(max-width: 48rem)").matches) {
    document.querySelectorAll("details[data-narrow-closed]").forEach(function (details) { details.open = false; });
  }
  // A file input whose JSON file is read into a textarea (importing a JSON Resume).
  document.querySelectorAll("input[type=file][data-fill]").forEach(function (input) {
    var target = document.getElementById(input.getAttribute("data-fill"));
    if (!target) return;
    input.hidden = false;
    var label = document.querySelector("label[for='" + input.id + "']");
    if (label) label.hidden = false;
    input.addEventListener("change", function () {
      var file = input.files && input.files[0];
      if (!file) return;
      var reader = new FileReader();
      reader.onload = function () { target.value = String(reader.result || ""); };
      reader.readAsText(file);
    });
  });
})();
