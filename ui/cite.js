() => {
  // A click on a citation marker [n] brings its source card into view (opening any collapsed
  // <details> around it) and flashes it. Delegated on document: chat messages re-render.
  if (window.__citeLinks) return;
  window.__citeLinks = true;
  document.addEventListener("click", (event) => {
    const link = event.target.closest ? event.target.closest("a.cite") : null;
    if (!link) return;
    event.preventDefault();
    event.stopPropagation();
    const id = link.dataset.target || (link.getAttribute("href") || "").slice(1);
    const card = document.getElementById(id);
    if (!card) return;
    for (let d = card.closest("details"); d; d = d.parentElement && d.parentElement.closest("details")) d.open = true;
    document.querySelectorAll(".source.active").forEach((el) => el.classList.remove("active"));
    card.classList.add("active");
    card.classList.remove("flash");
    void card.offsetWidth;  // restart the animation
    card.classList.add("flash");
    card.scrollIntoView({ behavior: "smooth", block: "center" });
  }, true);
}
