// Search as you type, completions and keyboard use. The page works without this file: every
// feature here enhances a plain form and plain links.
(function () {
  "use strict";

  const DEBOUNCE_MS = 250;
  const form = document.querySelector("form.search-form");
  const box = document.getElementById("q");
  if (!form || !box) return;
  const completions = document.getElementById("completions");
  let timer = null;
  let inFlight = null;

  function debounce(fn) {
    clearTimeout(timer);
    timer = setTimeout(fn, DEBOUNCE_MS);
  }

  function searchUrl(asYouType) {
    const params = new URLSearchParams(new FormData(form));
    if (asYouType) params.set("as_you_type", "1");
    return form.action + "?" + params.toString();
  }

  // Fetch the results page for what is typed so far and swap its <main> in: one rendering, on the server.
  async function refreshResults() {
    const query = box.value.trim();
    if (!query) return;
    if (inFlight) inFlight.abort();
    inFlight = new AbortController();
    try {
      const response = await fetch(searchUrl(true), { signal: inFlight.signal, headers: { Accept: "text/html" } });
      const page = new DOMParser().parseFromString(await response.text(), "text/html");
      const fresh = page.getElementById("main");
      if (!fresh || box.value.trim() !== query) return;
      // A reader who has already moved into the results keeps their place in the fresh ones.
      const focusedAt = hitLinks().indexOf(document.activeElement);
      document.getElementById("main").replaceWith(fresh);
      const links = hitLinks();
      if (focusedAt >= 0 && links.length) links[Math.min(focusedAt, links.length - 1)].focus();
      document.title = page.title;
      history.replaceState(null, "", searchUrl(false));
    } catch (error) {
      if (error.name !== "AbortError") console.warn("search as you type failed:", error);
    }
  }

  async function refreshCompletions() {
    const query = box.value;
    if (!completions || query.trim().length < 2) return;
    try {
      const response = await fetch(form.dataset.suggest + "?q=" + encodeURIComponent(query));
      if (!response.ok) return;
      const [, words] = await response.json();
      completions.replaceChildren(...words.map((word) => {
        const option = document.createElement("option");
        option.value = word;
        return option;
      }));
    } catch (error) {
      console.warn("completions failed:", error);
    }
  }

  // The sort order applies as soon as it is picked; its button is for pages without this file.
  document.documentElement.classList.add("js");
  document.addEventListener("change", (event) => {
    if (event.target instanceof HTMLSelectElement && event.target.closest("form.sort-form")) event.target.form.submit();
  });

  box.addEventListener("input", () => debounce(() => {
    refreshResults();
    refreshCompletions();
  }));

  function hitLinks() {
    return Array.from(document.querySelectorAll("#main a.hit-link"));
  }

  function moveFocus(step) {
    const links = hitLinks();
    if (!links.length) return false;
    const at = links.indexOf(document.activeElement);
    const next = at === -1 ? (step > 0 ? 0 : links.length - 1) : at + step;
    if (next < 0) {
      box.focus();
      return true;
    }
    const link = links[Math.min(next, links.length - 1)];
    link.focus();
    link.closest("li").scrollIntoView({ block: "nearest" });
    return true;
  }

  document.addEventListener("keydown", (event) => {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const typing = event.target instanceof HTMLInputElement || event.target instanceof HTMLSelectElement ||
      event.target instanceof HTMLTextAreaElement;
    if (event.key === "/" && !typing) {
      event.preventDefault();
      box.focus();
      box.select();
    } else if (event.key === "ArrowDown" && (!typing || event.target === box)) {
      if (moveFocus(1)) event.preventDefault();
    } else if (event.key === "ArrowUp" && !typing) {
      if (moveFocus(-1)) event.preventDefault();
    } else if (event.key === "Escape" && event.target === box) {
      box.blur();
    }
  });
})();

// "Copy citation": shown only where a script can reach the clipboard; the reference is plain
// text on the page either way.
(function () {
  "use strict";
  if (!navigator.clipboard) return;
  for (const button of document.querySelectorAll("button.copy[data-copy]")) {
    const source = document.getElementById(button.dataset.copy);
    if (!source) continue;
    button.hidden = false;
    button.addEventListener("click", async () => {
      try {
        await navigator.clipboard.writeText(source.textContent.trim());
        button.textContent = "Copied";
      } catch (error) {
        button.textContent = "Select the text to copy it";
      }
    });
  }
})();
