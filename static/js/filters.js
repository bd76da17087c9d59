// Progressive enhancement of the reader filter forms: without JavaScript they submit as
// ordinary GET forms; with it, changing a filter or following a page link fetches the
// page and swaps in its results, keeping the address (and so the link) up to date.
(function () {
  "use strict";
  const form = document.querySelector("form.filters[data-live]");
  const results = document.querySelector("[data-results]");
  if (!form || !results || !window.fetch || !window.history) return;

  function urlFor(formElement) {
    const params = new URLSearchParams();
    for (const [key, value] of new FormData(formElement)) {
      if (value !== "" && key !== "page") params.append(key, value);
    }
    const query = params.toString();
    return formElement.action.split("?")[0] + (query ? "?" + query : "");
  }

  let pending = null;
  async function show(url, push) {
    if (pending) pending.abort();
    pending = new AbortController();
    results.setAttribute("aria-busy", "true");
    try {
      const response = await fetch(url, { signal: pending.signal, headers: { "X-Requested-With": "fetch" } });
      const page = new DOMParser().parseFromString(await response.text(), "text/html");
      const fresh = page.querySelector("[data-results]");
      const freshForm = page.querySelector("form.filters[data-live]");
      if (!fresh) { window.location.assign(url); return; }
      results.innerHTML = fresh.innerHTML;
      if (!response.ok && freshForm) {
        // A refused filter: show the form as the server answered it, errors included.
        form.innerHTML = freshForm.innerHTML;
        form.querySelector(".has-error [name]")?.focus();
      } else {
        for (const error of form.querySelectorAll(".field-error, .form-errors")) error.remove();
        for (const field of form.querySelectorAll(".has-error")) field.classList.remove("has-error");
      }
      document.title = page.title;
      if (push) window.history.pushState({ live: true }, "", url);
    } catch (error) {
      if (error.name !== "AbortError") window.location.assign(url);
    } finally {
      results.removeAttribute("aria-busy");
    }
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    show(urlFor(form), true);
  });
  form.addEventListener("change", (event) => {
    if (event.target.matches("select, input[type=date]")) show(urlFor(form), true);
  });
  results.addEventListener("click", (event) => {
    const link = event.target.closest(".pagination a");
    if (!link) return;
    event.preventDefault();
    show(link.href, true);
    form.scrollIntoView({ block: "start" });
  });
  window.addEventListener("popstate", () => show(window.location.href, false));
})();

// Names suggested as one types into a name filter (input[data-suggest]): a <datalist> filled
// from the small JSON endpoint it names. Without JavaScript the field takes a name as typed.
// Listened for on the document: a form the live filters replace keeps its suggestions.
(function () {
  "use strict";
  if (!window.fetch) return;
  const DELAY = 150;
  const state = new WeakMap();  // per field: its timer, the request under way, what was asked

  function listFor(input) {
    const id = input.id + "-suggestions";
    let list = document.getElementById(id);
    if (!list) {
      list = document.createElement("datalist");
      list.id = id;
      input.after(list);
    }
    input.setAttribute("list", id);
    return list;
  }

  async function suggest(input) {
    const typed = input.value.trim();
    const field = state.get(input);
    if (typed === field.asked) return;
    field.asked = typed;
    if (field.pending) field.pending.abort();
    const list = listFor(input);
    if (typed.length < 2) { list.replaceChildren(); return; }
    field.pending = new AbortController();
    try {
      const url = input.dataset.suggest + "?" + new URLSearchParams({ q: typed });
      const response = await fetch(url, { signal: field.pending.signal });
      if (!response.ok) { field.asked = null; return; }
      const { names } = await response.json();
      list.replaceChildren(...names.map(({ name, detail }) => {
        const option = document.createElement("option");
        option.value = name;
        if (detail) option.label = detail;
        return option;
      }));
    } catch (error) {
      if (error.name !== "AbortError") field.asked = null;  // asked again on the next keystroke
    }
  }

  for (const input of document.querySelectorAll("input[data-suggest]")) listFor(input);
  document.addEventListener("input", (event) => {
    const input = event.target;
    if (!input.matches || !input.matches("input[data-suggest]")) return;
    if (!state.has(input)) state.set(input, { timer: null, pending: null, asked: null });
    const field = state.get(input);
    clearTimeout(field.timer);
    field.timer = setTimeout(() => suggest(input), DELAY);
  });
})();

// Forms that read as GET (filters, search) leave their blank fields out of the address: they
// are disabled while the form is submitted. (The server redirects such an address anyway.)
(function () {
  "use strict";
  document.addEventListener("submit", (event) => {
    const form = event.target;
    if (event.defaultPrevented || form.method.toLowerCase() !== "get") return;
    const blank = [...form.elements].filter((field) => field.name && !field.disabled && field.value === "");
    for (const field of blank) field.disabled = true;
    // The form's data is read once the event is over: then the fields are usable again.
    setTimeout(() => { for (const field of blank) field.disabled = false; }, 0);
  });
})();
