// Progressive help for Passerelle's pages: every page works without it.
(function () {
  "use strict";
  // A select that submits its form when changed (the country selector, sort).
  document.querySelectorAll("select[data-autosubmit]").forEach(function (select) {
    select.addEventListener("change", function () { if (select.form) select.form.submit(); });
  });
  // Title and company suggestions for the search box, from the API's suggest route.
  document.querySelectorAll("input[data-suggest]").forEach(function (input) {
    var list = input.list;
    if (!list || !window.fetch) return;
    var timer = null;
    var asked = "";
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () {
        var prefix = input.value.trim();
        if (prefix.length < 2 || prefix === asked) return;
        asked = prefix;
        var url = input.getAttribute("data-suggest") + "&limit=8&q=" + encodeURIComponent(prefix);
        fetch(url, { headers: { Accept: "application/json" } }).then(function (answer) {
          return answer.ok ? answer.json() : null;
        }).then(function (found) {
          if (!found || input.value.trim() !== prefix) return;
          while (list.firstChild) list.removeChild(list.firstChild);
          found.titles.concat(found.companies).forEach(function (text) {
            var option = document.createElement("option");
            option.value = text;
            list.appendChild(option);
          });
        }).catch(function () {});
      }, 200);
    });
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
