; highlights.scm: syntax highlighting of news copy, for editors (nvim-treesitter, Helix, Zed).
; Capture names follow nvim-treesitter's markup groups. Compiled into byline, which checks it
; against the grammar in its tests; byline itself does not highlight (its semantic tokens come
; from the analysis).

; Front matter: `key: value` lines between `---`.
(front_matter) @comment
(field (key) @property)
(field (value) @string)
; byline's own switches in the front matter
((field (key) @keyword.directive)
 (#match? @keyword.directive "^byline"))

; Headings
(headline) @markup.heading.1
(atx_heading) @markup.heading
(section_heading) @markup.heading.2
(heading_marker) @punctuation.special

; Further Reading: `Title (Outlet)`
(reading_entry (title) @markup.link.label)
(reading_entry (outlet) @markup.italic)

; Quotations and block quotes
(quotation) @markup.quote
(block_quote) @markup.quote
(open_mark) @punctuation.delimiter
(close_mark) @punctuation.delimiter
(parenthetical) @comment.note

; Lists and links
(list_marker) @markup.list
(link_text) @markup.link.label
(link_url) @markup.link.url
(url) @markup.link.url

; Tokens the analysis cares about
(acronym) @constant
(number) @number
(currency) @number
(percent) @number
(dash) @punctuation.delimiter

; Attribution verbs, so a reader sees who said what.
((word) @function.call
 (#any-of? @function.call "said" "says" "told" "added" "wrote" "according" "stated" "testified"))

(comment) @comment
