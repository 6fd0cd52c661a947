// swelltrack's pages work without this file; it only adds small conveniences.
"use strict";

// Copy buttons (data-copy names the input whose value they copy): shown only where the browser can.
document.addEventListener("DOMContentLoaded", () => {
    if (!navigator.clipboard) return;
    for (const button of document.querySelectorAll("button[data-copy]")) {
        button.hidden = false;
        button.addEventListener("click", async () => {
            const input = document.getElementById(button.dataset.copy);
            try {
                await navigator.clipboard.writeText(input.value);
                button.textContent = "Copied";
            } catch {
                input.select();  // the user copies it herself
            }
        });
    }
});

// Drafts: what is typed into a session form (form[data-draft]) is kept in this tab's storage until
// it is saved, so that a sign-in that ended meanwhile (another tab signed out, the server restarted)
// loses nothing: after signing in again the form fills itself and says so (#draft-note). Hidden
// fields (the CSRF token, the form's one-time token) are never kept. The tab's storage goes with the
// tab.
const draftPrefix = "swelltrack-draft:";
document.addEventListener("DOMContentLoaded", () => {
    const done = new URLSearchParams(location.search);
    if (done.has("saved") || done.has("corrected") || done.has("deleted"))
        for (const key of Object.keys(sessionStorage)) if (key.startsWith(draftPrefix)) sessionStorage.removeItem(key);
    for (const form of document.querySelectorAll("form[data-draft]")) {
        const key = draftPrefix + form.getAttribute("action");
        const fields = () => [...form.elements].filter((e) => e.name && !["hidden", "submit", "button"].includes(e.type));
        const kept = sessionStorage.getItem(key);
        // A form the server sent back with an error already holds what was posted.
        if (kept && !document.getElementById("form-error")) {
            const values = JSON.parse(kept);
            for (const e of fields())
                if (e.name in values) {
                    if (e.type === "checkbox") e.checked = values[e.name];
                    else e.value = values[e.name];
                }
            const note = document.getElementById("draft-note");
            if (note) note.hidden = false;
        }
        const save = () => {
            const values = {};
            for (const e of fields()) values[e.name] = e.type === "checkbox" ? e.checked : e.value;
            sessionStorage.setItem(key, JSON.stringify(values));
        };
        form.addEventListener("input", save);
        form.addEventListener("change", save);
        for (const cancel of form.querySelectorAll("a.cancel"))
            cancel.addEventListener("click", () => sessionStorage.removeItem(key));
        document.getElementById("draft-clear")?.addEventListener("click", () => {
            sessionStorage.removeItem(key);
            location.replace(location.pathname);
        });
    }
});
