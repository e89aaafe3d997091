"""The public pages every accessibility and HTML check runs on.

Add each new public page type here: the axe-core browser test and the Nu HTML
Checker test both read this list (with the demo data loaded).
"""

PUBLIC_PAGES = [
    "/",
    "/organ/ssr/",
    "/organ/chefsgruppen/",
    "/natverk/",
    "/natverk/reko/",
    "/natverk/gysam/",
    "/natverk/sakkunnigstodet/",
    "/moten/",
    "/tillganglighet/",
    "/sok/?q=kompetensförsörjning",
    "/logga-in/",
    "/logga-ut/",
]

# Pages that answer with an error status but must still be accessible.
ERROR_PAGES = ["/organ/finns-inte/", "/natverk/finns-inte/"]
