; folds.scm: the folding ranges byline's textDocument/foldingRange answers, beside the sections
; (a section is a heading and the blocks after it, not one node, so the server folds it in C).
; Captures: @fold (kind region), @fold.comment (kind comment), @fold.imports (kind imports);
; a fold needs two lines or more. A workspace's own queries/news/folds.scm adds to these.

(front_matter) @fold.imports
(block_quote) @fold
(further_reading) @fold
(list_item) @fold
(comment) @fold.comment
