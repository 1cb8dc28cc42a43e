package dev.quarry.migrate.pull;

import dev.quarry.schema.diagnostics.Diagnostic;
import dev.quarry.schema.diagnostics.SourceFile;
import dev.quarry.schema.syntax.Parser;
import dev.quarry.schema.syntax.SchemaAst;
import dev.quarry.schema.syntax.Top;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code db pull} into a schema folder ({@code prisma/schema/}), as Prisma's re-introspection writes a multi-file
 * schema: every model and enum the database still has stays in the file that defines it, in that file's order; one
 * the database no longer has leaves its file (which may end up empty); a new one goes to {@value #NEW_BLOCKS_FILE}
 * (appended when that file exists); the generator and datasource blocks stay where they are.
 */
public final class SchemaFolderWriter {

    /** Where Prisma's introspection puts what no file of the folder defines yet. */
    public static final String NEW_BLOCKS_FILE = "introspected.prisma";

    private SchemaFolderWriter() {}

    /**
     * The folder's files after the pull, by path (the paths of {@code existing}, plus {@link #NEW_BLOCKS_FILE} in
     * {@code folder} when something new needs it).
     *
     * @param existing the folder's {@code .prisma} files as they are, named by {@code folder.resolve(…)}
     * @param introspected {@link SchemaWriter}'s text for the database, datasource and generator included
     */
    public static Map<String, String> write(Path folder, List<SourceFile> existing, String introspected) {
        List<Top.Block> introspectedBlocks =
                parse(new SourceFile("introspected", introspected)).blocks();
        Map<String, String> pulled = new LinkedHashMap<>();
        for (Top.Block block : introspectedBlocks) {
            pulled.put(key(block), text(block));
        }
        boolean hasDatasource = false;
        Map<String, List<String>> files = new LinkedHashMap<>();
        for (SourceFile file : existing) {
            List<String> blocks = new ArrayList<>();
            for (Top.Block block : parse(file).blocks()) {
                if (isConfiguration(block)) {
                    hasDatasource |= block.keyword() == Top.Keyword.DATASOURCE;
                    blocks.add(text(block));
                    pulled.remove(key(block));
                } else if (pulled.containsKey(key(block))) {
                    blocks.add(pulled.remove(key(block)));
                }
            }
            files.put(file.path(), blocks);
        }
        // the introspected text's own configuration (a fresh datasource, the partial-index generator) only where
        // the folder has none
        List<String> added = new ArrayList<>();
        for (Top.Block block : introspectedBlocks) {
            boolean wanted = !isConfiguration(block) || (block.keyword() == Top.Keyword.DATASOURCE && !hasDatasource);
            if (wanted && pulled.containsKey(key(block))) {
                added.add(pulled.get(key(block)));
            }
        }
        if (!added.isEmpty()) {
            files.computeIfAbsent(folder.resolve(NEW_BLOCKS_FILE).toString(), f -> new ArrayList<>())
                    .addAll(added);
        }
        Map<String, String> written = new LinkedHashMap<>();
        files.forEach((path, blocks) -> written.put(path, blocks.isEmpty() ? "" : String.join("\n\n", blocks) + "\n"));
        return written;
    }

    /** Models, views and enums share one namespace; generators and datasources have their own. */
    private static String key(Top.Block block) {
        return (isConfiguration(block) ? block.keyword().text + " " : "")
                + block.name().name();
    }

    private static boolean isConfiguration(Top.Block block) {
        return block.keyword() == Top.Keyword.DATASOURCE || block.keyword() == Top.Keyword.GENERATOR;
    }

    private static SchemaAst parse(SourceFile file) {
        return Parser.parse(file, new ArrayList<Diagnostic>());
    }

    /** The block as it is written, its leading comments (documentation) included. */
    private static String text(Top.Block block) {
        int start = block.leadingComments()
                .map(c -> c.comments().get(0).span().start())
                .orElse(block.span().start());
        return block.span().file().text().substring(start, block.span().end()).strip();
    }
}
