package dev.quarry.schema.syntax;

import java.util.List;
import java.util.Optional;

/** Consecutive comment lines with no empty line between them. */
public record CommentBlock(List<Comment> comments) {

    public CommentBlock {
        comments = List.copyOf(comments);
    }

    /**
     * The {@code ///} lines, trimmed and joined by newlines, as Prisma's documentation; empty when there are none.
     */
    public Optional<String> documentation() {
        List<String> lines = comments.stream()
                .filter(c -> c instanceof Comment.Line line && line.doc())
                .map(c -> ((Comment.Line) c).content().trim())
                .toList();
        return lines.isEmpty() ? Optional.empty() : Optional.of(String.join("\n", lines));
    }
}
