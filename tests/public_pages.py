"""The public pages every accessibility and HTML check runs on.

Add each new public page type here: the axe-core browser test and the Nu HTML
Checker test both read this list (with the demo data loaded).
"""

PUBLIC_PAGES = [
    "/",
    "/organ/ssr/",
    "/organ/chefsgruppen/",
    "/organ/reko/",
    "/organ/gysam/",
    "/logga-in/",
]

# Pages that answer with an error status but must still be accessible.
ERROR_PAGES = ["/organ/finns-inte/"]
