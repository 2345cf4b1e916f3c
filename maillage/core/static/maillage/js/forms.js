/* Enhancement of the forms' checkbox pickers (`[data-picker]`, core.formtools.CheckboxPicker),
   which work without it: a filter box that narrows the list as one types (each word typed
   begins a word of an entry or of its group; case, accents, apostrophes and hyphens ignored), groups that fold (<details>, open where something is
   ticked) and a live count of what is ticked. No inline code or style: the page's CSP allows
   this file by its nonce. */
(function () {
  "use strict";

  function fold(text) {
    return text
      .normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, " ")
      .trim();
  }

  function counted(picker, n) {
    if (n === 0) return picker.dataset.pickerNone;
    var text = n === 1 ? picker.dataset.pickerOne : picker.dataset.pickerMany;
    return text.replace("{n}", String(n));
  }

  var serial = 0;

  function setUpPicker(picker) {
    if (picker.dataset.pickerReady) return;
    picker.dataset.pickerReady = "1";
    serial += 1;
    var id = (picker.id || "picker") + "-tools-" + serial;

    var tools = document.createElement("div");
    tools.className = "picker-tools";
    var label = document.createElement("label");
    label.htmlFor = id + "-filter";
    label.textContent = picker.dataset.pickerFilter;
    var input = document.createElement("input");
    input.type = "search";
    input.id = id + "-filter";
    input.autocomplete = "off";
    input.spellcheck = false;
    var count = document.createElement("p");
    count.id = id + "-count";
    count.className = "picker-count";
    count.setAttribute("aria-live", "polite");
    input.setAttribute("aria-describedby", count.id);
    tools.append(label, input, count);
    var empty = document.createElement("p");
    empty.className = "picker-empty";
    empty.hidden = true;
    empty.textContent = picker.dataset.pickerNoMatch;
    picker.prepend(tools);
    picker.append(empty);

    // Each group folds under a <summary> that repeats its legend (kept for assistive
    // technologies, hidden on screen) with the count of its ticked boxes.
    var groups = Array.prototype.map.call(
      picker.querySelectorAll("fieldset.picker-group"),
      function (fieldset) {
        var legend = fieldset.querySelector("legend");
        var details = document.createElement("details");
        details.className = "picker-details";
        var summary = document.createElement("summary");
        var name = document.createElement("span");
        name.textContent = legend.textContent;
        var ticked = document.createElement("span");
        ticked.className = "picker-group-count";
        summary.append(name, ticked);
        fieldset.replaceWith(details);
        details.append(summary, fieldset);
        legend.classList.add("visually-hidden");
        return { details: details, fieldset: fieldset, ticked: ticked, text: fold(legend.textContent) };
      }
    );
    var items = Array.prototype.map.call(picker.querySelectorAll(".picker-list > li"), function (li) {
      var group = groups.find(function (g) { return g.fieldset.contains(li); }) || null;
      return { li: li, box: li.querySelector("input"), group: group, text: fold(li.textContent) };
    });

    function recount() {
      var total = 0;
      groups.forEach(function (g) { g.n = 0; });
      items.forEach(function (item) {
        if (item.box.checked) {
          total += 1;
          if (item.group) item.group.n += 1;
        }
      });
      count.textContent = counted(picker, total);
      groups.forEach(function (g) {
        g.ticked.textContent = g.n ? " · " + counted(picker, g.n) : "";
      });
    }

    var filtering = false;

    function filter() {
      var words = fold(input.value).split(" ").filter(Boolean);
      var shown = 0;
      groups.forEach(function (g) { g.shown = 0; });
      items.forEach(function (item) {
        // Each word typed begins a word of the label or of its group's legend.
        var text = " " + item.text + " " + (item.group ? item.group.text : "");
        var match = words.every(function (word) { return text.indexOf(" " + word) !== -1; });
        item.li.hidden = !match;
        if (match) {
          shown += 1;
          if (item.group) item.group.shown += 1;
        }
      });
      // While filtering, the groups with a match are open; once the filter is cleared, each
      // group is as it was before, or open if something in it was ticked meanwhile.
      if (words.length && !filtering) {
        groups.forEach(function (g) { g.wasOpen = g.details.open; });
      }
      filtering = words.length > 0;
      groups.forEach(function (g) {
        g.details.hidden = g.shown === 0;
        if (filtering) {
          g.details.open = g.shown > 0;
        } else {
          g.details.open = g.wasOpen || g.fieldset.querySelector("input:checked") !== null;
        }
      });
      empty.hidden = shown > 0;
    }

    groups.forEach(function (g) {
      g.details.open = g.fieldset.querySelector("input:checked") !== null;
    });
    input.addEventListener("input", filter);
    // Enter in the filter box would send the form: it only filters.
    input.addEventListener("keydown", function (event) {
      if (event.key === "Enter") event.preventDefault();
    });
    picker.addEventListener("change", function (event) {
      if (event.target !== input) recount();
    });
    recount();
  }

  function setUp(root) {
    root.querySelectorAll("[data-picker]").forEach(setUpPicker);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { setUp(document); });
  } else {
    setUp(document);
  }
  // Content that HTMX brings in (a form's part reloaded) is set up too.
  document.addEventListener("htmx:load", function (event) { setUp(event.target); });
})();
