package dev.quarry.api.write;

import static dev.quarry.api.write.WritesApiTest.rpc;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.quarry.testsupport.FreshDatabase;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every nested-write verb on every relation shape, through the real server: 1-1 from the side without the key and
 * from the side holding it (required), 1-n from the one side and from the many side, implicit m-n, a self-relation
 * (both sides) and a relation over a compound key (both sides, required). Each cell writes through an {@code
 * update} on records of its own, checks the returned record and then the stored rows; the verbs Prisma does not
 * offer on a shape are a 400 naming the unknown argument, and change nothing; a change that would leave a record
 * without its required relation is Prisma's P2014 (409), and changes nothing either.
 *
 * <p>In the JSON below {@code '} stands for {@code "} and {@code $} for the cell's own key.
 */
@QuarkusTest
@WithTestResource(
        value = FreshDatabase.class,
        initArgs = {
            @ResourceArg(name = "schema", value = "write/matrix.prisma"),
            @ResourceArg(name = "purpose", value = "NestedWriteMatrixApiTest")
        })
class NestedWriteMatrixApiTest {

    private static final List<String> VERBS = List.of(
            "create",
            "createMany",
            "connect",
            "connectOrCreate",
            "set",
            "disconnect",
            "update",
            "updateMany",
            "upsert",
            "delete",
            "deleteMany");

    /** One cell: records made first, one write, what it answers, and what is stored afterwards. */
    static final class Cell {
        final String shape;
        final String verb;
        final List<String[]> given = new ArrayList<>();
        String[] write;
        int status = 200;
        String path;
        Expect answer;
        final List<Object[]> stored = new ArrayList<>();

        Cell(String shape, String verb) {
            this.shape = shape;
            this.verb = verb;
        }

        Cell given(String delegate, String data) {
            given.add(new String[] {delegate, data});
            return this;
        }

        Cell write(String delegate, String args) {
            write = new String[] {delegate, args};
            return this;
        }

        Cell answers(String path, Expect answer) {
            this.path = path;
            this.answer = answer;
            return this;
        }

        Cell status(int status) {
            this.status = status;
            return this;
        }

        /** Prisma has no such verb on this shape: Quarry names it as an unknown argument of the relation field. */
        Cell refused(String verb) {
            status = 400;
            path = "detail";
            answer = cell -> startsWith("Unknown argument '" + verb + "' at ");
            return this;
        }

        Cell stored(String delegate, String args, String path, Expect value) {
            stored.add(new Object[] {delegate, args, path, value});
            return this;
        }

        String key() {
            return (shape.replaceAll("[^A-Za-z0-9]+", "") + "-" + verb).toLowerCase();
        }

        String json(String template) {
            return template.replace('\'', '"').replace("$", key());
        }

        @Override
        public String toString() {
            return shape + " × " + verb;
        }
    }

    static Stream<String> cellNames() {
        return cells().stream().map(Cell::toString);
    }

    static List<Cell> cells() {
        List<Cell> cells = new ArrayList<>();
        cells.addAll(oneToOneWithoutTheKey());
        cells.addAll(oneToOneHoldingTheKey());
        cells.addAll(toMany(
                "1-n one side",
                "user",
                "{'id':'$'}",
                "{'id':'$'}",
                "posts",
                "post",
                "title",
                "authorId",
                "{'id':'$-f'}",
                "post",
                "$",
                false));
        cells.addAll(toOne("1-n many side", "post", "{'id':'$'}", "author", "user", "name", "authorId", false));
        cells.addAll(manyToMany());
        cells.addAll(toMany(
                "self, children",
                "category",
                "{'id':'$'}",
                "{'id':'$'}",
                "children",
                "category",
                "name",
                "parentId",
                "{'id':'$-f'}",
                "category",
                "$",
                false));
        cells.addAll(toOne("self, parent", "category", "{'id':'$'}", "parent", "category", "name", "parentId", false));
        cells.addAll(toMany(
                "compound key, one side",
                "team",
                "{'org':'$','slug':'s'}",
                "{'org_slug':{'org':'$','slug':'s'}}",
                "members",
                "member",
                "name",
                "teamOrg",
                "{'org':'$-o','slug':'s','members':{'create':{'id':'$-f'}}}",
                "team",
                "$",
                true));
        cells.addAll(compoundKeyManySide());
        return cells;
    }

    @Test
    void theTableHasEveryVerbOnEveryShapeOnce() {
        Map<String, List<String>> verbs = cells().stream()
                .collect(Collectors.groupingBy(
                        c -> c.shape, LinkedHashMap::new, Collectors.mapping(c -> c.verb, Collectors.toList())));
        assertEquals(9, verbs.size(), verbs.keySet().toString());
        verbs.forEach((shape, listed) -> assertEquals(
                VERBS,
                listed.stream().sorted(Comparator.comparing(VERBS::indexOf)).toList(),
                shape));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cellNames")
    void cell(String name) {
        Cell cell = cells().stream()
                .filter(c -> c.toString().equals(name))
                .findFirst()
                .orElseThrow();
        for (String[] given : cell.given) {
            rpc(given[0], "create", cell.json("{'data':" + given[1] + "}"))
                    .then()
                    .statusCode(200);
        }
        ValidatableResponse answer =
                rpc(cell.write[0], "update", cell.json(cell.write[1])).then();
        answer.statusCode(cell.status).body(cell.path, cell.answer.in(cell));
        for (Object[] stored : cell.stored) {
            rpc((String) stored[0], "findMany", cell.json((String) stored[1]))
                    .then()
                    .statusCode(200)
                    .body((String) stored[2], ((Expect) stored[3]).in(cell));
        }
    }

    /** An expected value whose {@code $} is the cell's key. */
    interface Expect {
        Matcher<?> in(Cell cell);
    }

    private static Expect has(String... values) {
        return cell -> contains(Arrays.stream(values).map(cell::json).toArray());
    }

    private static Expect hasNull() {
        return cell -> contains(nullValue());
    }

    private static Expect is(String value) {
        return cell -> equalTo(cell.json(value));
    }

    private static Expect isNull() {
        return cell -> nullValue();
    }

    private static Expect isEmpty() {
        return cell -> empty();
    }

    // --- the shapes ------------------------------------------------------------------------------

    /** user.profile: the key (required, unique) is on Profile. */
    private static List<Cell> oneToOneWithoutTheKey() {
        String shape = "1-1 side without the key";
        String update = "{'where':{'id':'$'},'include':{'profile':true},'data':{'profile':";
        String profiles = "{'where':{'id':{'startsWith':'$'}},'orderBy':{'id':'asc'}}";
        List<Cell> cells = new ArrayList<>(List.of(
                new Cell(shape, "create")
                        .given("user", "{'id':'$'}")
                        .write("user", update + "{'create':{'id':'$-p','bio':'new'}}}}")
                        .answers("profile.bio", is("new"))
                        .stored("profile", profiles, "userId", has("$")),
                new Cell(shape, "connect")
                        .given("user", "{'id':'$'}")
                        .given("user", "{'id':'$-o','profile':{'create':{'id':'$-p'}}}")
                        .write("user", update + "{'connect':{'id':'$-p'}}}}")
                        .answers("profile.id", is("$-p"))
                        .stored("profile", profiles, "userId", has("$")),
                new Cell(shape, "connectOrCreate")
                        .given("user", "{'id':'$'}")
                        .write(
                                "user",
                                update + "{'connectOrCreate':{'where':{'id':'$-p'},'create':{'id':'$-p',"
                                        + "'bio':'made'}}}}}")
                        .answers("profile.bio", is("made"))
                        .stored("profile", profiles, "userId", has("$")),
                // the profile cannot live without a user: P2014, and it stays
                new Cell(shape, "disconnect")
                        .given("user", "{'id':'$','profile':{'create':{'id':'$-p'}}}")
                        .write("user", update + "{'disconnect':true}}}")
                        .answers("code", is("P2014"))
                        .status(409)
                        .stored("profile", profiles, "userId", has("$")),
                new Cell(shape, "update")
                        .given("user", "{'id':'$','profile':{'create':{'id':'$-p'}}}")
                        .write("user", update + "{'update':{'bio':'changed'}}}}")
                        .answers("profile.bio", is("changed"))
                        .stored("profile", profiles, "bio", has("changed")),
                new Cell(shape, "upsert")
                        .given("user", "{'id':'$'}")
                        .write(
                                "user",
                                update + "{'upsert':{'create':{'id':'$-p','bio':'created'},"
                                        + "'update':{'bio':'updated'}}}}}")
                        .answers("profile.bio", is("created"))
                        .stored("profile", profiles, "userId", has("$")),
                new Cell(shape, "delete")
                        .given("user", "{'id':'$','profile':{'create':{'id':'$-p'}}}")
                        .write("user", update + "{'delete':true}}}")
                        .answers("profile", isNull())
                        .stored("profile", profiles, "id", isEmpty())));
        for (String verb : List.of("createMany", "set", "updateMany", "deleteMany")) {
            cells.add(new Cell(shape, verb)
                    .given("user", "{'id':'$','profile':{'create':{'id':'$-p'}}}")
                    .write("user", update + "{'" + verb + "':" + argumentOf(verb) + "}}}")
                    .refused(verb)
                    .stored("profile", profiles, "userId", has("$")));
        }
        return cells;
    }

    /** profile.user: Profile holds the key, required. */
    private static List<Cell> oneToOneHoldingTheKey() {
        String shape = "1-1 side holding the key";
        String update = "{'where':{'id':'$-p'},'include':{'user':true},'data':{'user':";
        String profile = "{'where':{'id':'$-p'}}";
        String given = "{'id':'$','name':'old','profile':{'create':{'id':'$-p'}}}";
        List<Cell> cells = new ArrayList<>(List.of(
                new Cell(shape, "create")
                        .given("user", given)
                        .write("profile", update + "{'create':{'id':'$-n','name':'new'}}}}")
                        .answers("user.name", is("new"))
                        .stored("profile", profile, "userId", has("$-n")),
                new Cell(shape, "connect")
                        .given("user", given)
                        .given("user", "{'id':'$-n'}")
                        .write("profile", update + "{'connect':{'id':'$-n'}}}}")
                        .answers("user.id", is("$-n"))
                        .stored("profile", profile, "userId", has("$-n")),
                new Cell(shape, "connectOrCreate")
                        .given("user", given)
                        .write(
                                "profile",
                                update + "{'connectOrCreate':{'where':{'id':'$-n'},'create':{'id':'$-n',"
                                        + "'name':'made'}}}}}")
                        .answers("user.name", is("made"))
                        .stored("profile", profile, "userId", has("$-n")),
                new Cell(shape, "update")
                        .given("user", given)
                        .write("profile", update + "{'update':{'name':'changed'}}}}")
                        .answers("user.name", is("changed"))
                        .stored("user", "{'where':{'id':'$'}}", "name", has("changed")),
                new Cell(shape, "upsert")
                        .given("user", given)
                        .write("profile", update + "{'upsert':{'create':{'id':'$-n'},'update':{'name':'updated'}}}}}")
                        .answers("user.name", is("updated"))
                        .stored("user", "{'where':{'id':{'startsWith':'$'}}}", "name", has("updated"))));
        for (String verb : List.of("createMany", "set", "disconnect", "updateMany", "delete", "deleteMany")) {
            cells.add(new Cell(shape, verb)
                    .given("user", given)
                    .write("profile", update + "{'" + verb + "':" + argumentOf(verb) + "}}}")
                    .refused(verb)
                    .stored("profile", profile, "userId", has("$")));
        }
        return cells;
    }

    /**
     * A to-many side whose records hold the key: two linked records {@code $-1} ("a") and {@code $-2} ("b"), and
     * {@code $-f} linked elsewhere or nowhere. {@code owner} is the key value the linked records hold.
     */
    private static List<Cell> toMany(
            String shape,
            String delegate,
            String data,
            String where,
            String field,
            String child,
            String label,
            String key,
            String free,
            String freeDelegate,
            String owner,
            boolean required) {
        String given = data.substring(0, data.length() - 1) + ",'" + field + "':{'create':[{'id':'$-1','" + label
                + "':'a'},{'id':'$-2','" + label + "':'b'}]}}";
        String update =
                "{'where':" + where + ",'include':{'" + field + "':{'orderBy':{'id':'asc'}}},'data':{'" + field + "':";
        String children = "{'where':{'id':{'startsWith':'$-'}},'orderBy':{'id':'asc'}}";
        String ids = field + ".id";
        String links = "collect { it.id + '=' + it." + key + " }";
        return List.of(
                new Cell(shape, "create")
                        .given(delegate, given)
                        .write(delegate, update + "{'create':{'id':'$-3'}}}}")
                        .answers(ids, has("$-1", "$-2", "$-3"))
                        .stored(child, children, links, has("$-1=" + owner, "$-2=" + owner, "$-3=" + owner)),
                new Cell(shape, "createMany")
                        .given(delegate, given)
                        .write(delegate, update + "{'createMany':{'data':[{'id':'$-3'},{'id':'$-4'}]}}}}")
                        .answers(ids, has("$-1", "$-2", "$-3", "$-4"))
                        .stored(
                                child,
                                children,
                                links,
                                has("$-1=" + owner, "$-2=" + owner, "$-3=" + owner, "$-4=" + owner)),
                new Cell(shape, "connect")
                        .given(delegate, given)
                        .given(freeDelegate, free)
                        .write(delegate, update + "{'connect':{'id':'$-f'}}}}")
                        .answers(ids, has("$-1", "$-2", "$-f"))
                        .stored(child, children, links, has("$-1=" + owner, "$-2=" + owner, "$-f=" + owner)),
                new Cell(shape, "connectOrCreate")
                        .given(delegate, given)
                        .write(
                                delegate,
                                update + "{'connectOrCreate':[{'where':{'id':'$-1'},'create':{'id':'$-9'}},"
                                        + "{'where':{'id':'$-3'},'create':{'id':'$-3'}}]}}}")
                        .answers(ids, has("$-1", "$-2", "$-3"))
                        .stored(child, children, links, has("$-1=" + owner, "$-2=" + owner, "$-3=" + owner)),
                required
                        // the records left out cannot live without their owner: P2014, and nothing changed
                        ? new Cell(shape, "set")
                                .given(delegate, given)
                                .given(freeDelegate, free)
                                .write(delegate, update + "{'set':[{'id':'$-2'},{'id':'$-f'}]}}}")
                                .answers("code", is("P2014"))
                                .status(409)
                                .stored(
                                        child,
                                        children,
                                        links,
                                        has("$-1=" + owner, "$-2=" + owner, "$-f=" + owner + "-o"))
                        : new Cell(shape, "set")
                                .given(delegate, given)
                                .given(freeDelegate, free)
                                .write(delegate, update + "{'set':[{'id':'$-2'},{'id':'$-f'}]}}}")
                                .answers(ids, has("$-2", "$-f"))
                                .stored(child, children, links, has("$-1=null", "$-2=" + owner, "$-f=" + owner)),
                required
                        ? new Cell(shape, "disconnect")
                                .given(delegate, given)
                                .write(delegate, update + "{'disconnect':{'id':'$-1'}}}}")
                                .answers("code", is("P2014"))
                                .status(409)
                                .stored(child, children, links, has("$-1=" + owner, "$-2=" + owner))
                        : new Cell(shape, "disconnect")
                                .given(delegate, given)
                                .write(delegate, update + "{'disconnect':{'id':'$-1'}}}}")
                                .answers(ids, has("$-2"))
                                .stored(child, children, links, has("$-1=null", "$-2=" + owner)),
                new Cell(shape, "update")
                        .given(delegate, given)
                        .write(
                                delegate,
                                update + "{'update':{'where':{'id':'$-1'},'data':{'" + label + "':'changed'}}}}}")
                        .answers(field + "." + label, has("changed", "b"))
                        .stored(child, children, label, has("changed", "b")),
                new Cell(shape, "updateMany")
                        .given(delegate, given)
                        .write(
                                delegate,
                                update + "{'updateMany':{'where':{'" + label + "':{'in':['a','b']}},'data':{'" + label
                                        + "':'many'}}}}}")
                        .answers(field + "." + label, has("many", "many"))
                        .stored(child, children, label, has("many", "many")),
                new Cell(shape, "upsert")
                        .given(delegate, given)
                        .write(
                                delegate,
                                update + "{'upsert':[{'where':{'id':'$-1'},'create':{'id':'$-8'},'update':{'" + label
                                        + "':'updated'}}," + "{'where':{'id':'$-3'},'create':{'id':'$-3','" + label
                                        + "':'created'},'update':{'" + label + "':'never'}}]}}}")
                        .answers(field + "." + label, has("updated", "b", "created"))
                        .stored(child, children, label, has("updated", "b", "created")),
                new Cell(shape, "delete")
                        .given(delegate, given)
                        .write(delegate, update + "{'delete':{'id':'$-1'}}}}")
                        .answers(ids, has("$-2"))
                        .stored(child, children, "id", has("$-2")),
                new Cell(shape, "deleteMany")
                        .given(delegate, given)
                        .write(delegate, update + "{'deleteMany':{'" + label + "':'b'}}}}")
                        .answers(ids, has("$-1"))
                        .stored(child, children, "id", has("$-1")));
    }

    /**
     * An optional to-one side holding the key: the record {@code $} linked to {@code $-a} ("old"); {@code $-n} is
     * another record of the other side.
     */
    private static List<Cell> toOne(
            String shape,
            String delegate,
            String data,
            String field,
            String other,
            String label,
            String key,
            boolean required) {
        String given = data.substring(0, data.length() - 1) + ",'" + field + "':{'create':{'id':'$-a','" + label
                + "':'old'}}}";
        String update = "{'where':{'id':'$'},'include':{'" + field + "':true},'data':{'" + field + "':";
        String self = "{'where':{'id':'$'}}";
        String others = "{'where':{'id':{'startsWith':'$-'}},'orderBy':{'id':'asc'}}";
        List<Cell> cells = new ArrayList<>(List.of(
                new Cell(shape, "create")
                        .given(delegate, given)
                        .write(delegate, update + "{'create':{'id':'$-n','" + label + "':'new'}}}}")
                        .answers(field + "." + label, is("new"))
                        .stored(delegate, self, key, has("$-n")),
                new Cell(shape, "connect")
                        .given(delegate, given)
                        .given(other, "{'id':'$-n'}")
                        .write(delegate, update + "{'connect':{'id':'$-n'}}}}")
                        .answers(field + ".id", is("$-n"))
                        .stored(delegate, self, key, has("$-n")),
                new Cell(shape, "connectOrCreate")
                        .given(delegate, given)
                        .write(
                                delegate,
                                update + "{'connectOrCreate':{'where':{'id':'$-n'},'create':{'id':'$-n','" + label
                                        + "':'made'}}}}}")
                        .answers(field + "." + label, is("made"))
                        .stored(delegate, self, key, has("$-n")),
                new Cell(shape, "update")
                        .given(delegate, given)
                        .write(delegate, update + "{'update':{'" + label + "':'changed'}}}}")
                        .answers(field + "." + label, is("changed"))
                        .stored(other, "{'where':{'id':'$-a'}}", label, has("changed")),
                new Cell(shape, "upsert")
                        .given(delegate, given)
                        .write(
                                delegate,
                                update + "{'upsert':{'create':{'id':'$-n'},'update':{'" + label + "':'updated'}}}}}")
                        .answers(field + "." + label, is("updated"))
                        .stored(other, others, "id", has("$-a"))));
        List<String> refused = new ArrayList<>(List.of("createMany", "set", "updateMany", "deleteMany"));
        if (required) {
            refused.addAll(List.of("disconnect", "delete"));
        } else {
            cells.add(new Cell(shape, "disconnect")
                    .given(delegate, given)
                    .write(delegate, update + "{'disconnect':true}}}")
                    .answers(field, isNull())
                    .stored(delegate, self, key, hasNull())
                    .stored(other, others, "id", has("$-a")));
            cells.add(new Cell(shape, "delete")
                    .given(delegate, given)
                    .write(delegate, update + "{'delete':true}}}")
                    .answers(field, isNull())
                    .stored(delegate, self, key, hasNull())
                    .stored(other, others, "id", isEmpty()));
        }
        for (String verb : refused) {
            cells.add(new Cell(shape, verb)
                    .given(delegate, given)
                    .write(delegate, update + "{'" + verb + "':" + argumentOf(verb) + "}}}")
                    .refused(verb)
                    .stored(delegate, self, key, has("$-a")));
        }
        return cells;
    }

    /**
     * post.tags: two linked tags {@code $-1} ("a") and {@code $-2} ("b"), and {@code $-f} linked to another post.
     */
    private static List<Cell> manyToMany() {
        String shape = "m-n";
        String given = "{'id':'$','tags':{'create':[{'id':'$-1','name':'a'},{'id':'$-2','name':'b'}]}}";
        String free = "{'id':'$-o','tags':{'create':{'id':'$-f'}}}";
        String update = "{'where':{'id':'$'},'include':{'tags':{'orderBy':{'id':'asc'}}},'data':{'tags':";
        String links = "{'where':{'id':{'startsWith':'$'}},'orderBy':{'id':'asc'},'select':{'id':true,"
                + "'tags':{'select':{'id':true},'orderBy':{'id':'asc'}}}}";
        String linkPath = "collect { it.id + '=' + it.tags.id.join(',') }";
        String tags = "{'where':{'id':{'startsWith':'$-'}},'orderBy':{'id':'asc'}}";
        return List.of(
                new Cell(shape, "create")
                        .given("post", given)
                        .write("post", update + "{'create':{'id':'$-3'}}}}")
                        .answers("tags.id", has("$-1", "$-2", "$-3"))
                        .stored("post", links, linkPath, has("$=$-1,$-2,$-3")),
                new Cell(shape, "createMany")
                        .given("post", given)
                        .write("post", update + "{'createMany':{'data':[{'id':'$-3'}]}}}}")
                        .refused("createMany")
                        .stored("post", links, linkPath, has("$=$-1,$-2")),
                new Cell(shape, "connect")
                        .given("post", given)
                        .given("post", free)
                        .write("post", update + "{'connect':[{'id':'$-f'},{'id':'$-1'}]}}}")
                        .answers("tags.id", has("$-1", "$-2", "$-f"))
                        .stored("post", links, linkPath, has("$=$-1,$-2,$-f", "$-o=$-f")),
                new Cell(shape, "connectOrCreate")
                        .given("post", given)
                        .given("post", free)
                        .write(
                                "post",
                                update + "{'connectOrCreate':[{'where':{'id':'$-f'},'create':{'id':'$-9'}},"
                                        + "{'where':{'id':'$-3'},'create':{'id':'$-3'}}]}}}")
                        .answers("tags.id", has("$-1", "$-2", "$-3", "$-f"))
                        .stored("post", links, linkPath, has("$=$-1,$-2,$-3,$-f", "$-o=$-f")),
                new Cell(shape, "set")
                        .given("post", given)
                        .given("post", free)
                        .write("post", update + "{'set':[{'id':'$-2'},{'id':'$-f'}]}}}")
                        .answers("tags.id", has("$-2", "$-f"))
                        .stored("post", links, linkPath, has("$=$-2,$-f", "$-o=$-f"))
                        .stored("tag", tags, "id", has("$-1", "$-2", "$-f")),
                new Cell(shape, "disconnect")
                        .given("post", given)
                        .write("post", update + "{'disconnect':[{'id':'$-1'}]}}}")
                        .answers("tags.id", has("$-2"))
                        .stored("post", links, linkPath, has("$=$-2"))
                        .stored("tag", tags, "id", has("$-1", "$-2")),
                new Cell(shape, "update")
                        .given("post", given)
                        .write("post", update + "{'update':{'where':{'id':'$-1'},'data':{'name':'changed'}}}}}")
                        .answers("tags.name", has("changed", "b"))
                        .stored("tag", tags, "name", has("changed", "b")),
                new Cell(shape, "updateMany")
                        .given("post", given)
                        .given("post", free)
                        .write(
                                "post",
                                update + "{'updateMany':{'where':{'name':{'not':'zzz'}},'data':{'name':'many'}}}}}")
                        .answers("tags.name", has("many", "many"))
                        .stored("tag", tags, "name", has("many", "many", "")),
                new Cell(shape, "upsert")
                        .given("post", given)
                        .given("post", free)
                        // $-f exists but is not linked to this post: the upsert creates, as Prisma looks among the
                        // linked tags only
                        .write(
                                "post",
                                update + "{'upsert':[{'where':{'id':'$-1'},'create':{'id':'$-8'},"
                                        + "'update':{'name':'updated'}},"
                                        + "{'where':{'id':'$-3'},'create':{'id':'$-3','name':'created'},"
                                        + "'update':{'name':'never'}}]}}}")
                        .answers("tags.name", has("updated", "b", "created"))
                        .stored("post", links, linkPath, has("$=$-1,$-2,$-3", "$-o=$-f")),
                new Cell(shape, "delete")
                        .given("post", given)
                        .write("post", update + "{'delete':{'id':'$-1'}}}}")
                        .answers("tags.id", has("$-2"))
                        .stored("tag", tags, "id", has("$-2")),
                new Cell(shape, "deleteMany")
                        .given("post", given)
                        .given("post", free)
                        .write("post", update + "{'deleteMany':{'name':{'not':'zzz'}}}}}")
                        .answers("tags", isEmpty())
                        .stored("tag", tags, "id", has("$-f")));
    }

    /** member.team: Member holds the compound key (teamOrg, teamSlug), required. */
    private static List<Cell> compoundKeyManySide() {
        String shape = "compound key, many side";
        String given = "{'id':'$','team':{'create':{'org':'$-a','slug':'s','name':'old'}}}";
        String update = "{'where':{'id':'$'},'include':{'team':true},'data':{'team':";
        String self = "{'where':{'id':'$'}}";
        String team = "collect { it.teamOrg + '/' + it.teamSlug }";
        List<Cell> cells = new ArrayList<>(List.of(
                new Cell(shape, "create")
                        .given("member", given)
                        .write("member", update + "{'create':{'org':'$-n','slug':'t','name':'new'}}}}")
                        .answers("team.name", is("new"))
                        .stored("member", self, team, has("$-n/t")),
                new Cell(shape, "connect")
                        .given("member", given)
                        .given("team", "{'org':'$-n','slug':'t'}")
                        .write("member", update + "{'connect':{'org_slug':{'org':'$-n','slug':'t'}}}}}")
                        .answers("team.org", is("$-n"))
                        .stored("member", self, team, has("$-n/t")),
                new Cell(shape, "connectOrCreate")
                        .given("member", given)
                        .write(
                                "member",
                                update + "{'connectOrCreate':{'where':{'org_slug':{'org':'$-n','slug':'t'}},"
                                        + "'create':{'org':'$-n','slug':'t','name':'made'}}}}}")
                        .answers("team.name", is("made"))
                        .stored("member", self, team, has("$-n/t")),
                new Cell(shape, "update")
                        .given("member", given)
                        .write("member", update + "{'update':{'name':'changed'}}}}")
                        .answers("team.name", is("changed"))
                        .stored("team", "{'where':{'org':'$-a'}}", "name", has("changed")),
                new Cell(shape, "upsert")
                        .given("member", given)
                        .write(
                                "member",
                                update + "{'upsert':{'create':{'org':'$-n','slug':'t'},"
                                        + "'update':{'name':'updated'}}}}}")
                        .answers("team.name", is("updated"))
                        .stored("team", "{'where':{'org':{'startsWith':'$'}}}", "org", has("$-a"))));
        for (String verb : List.of("createMany", "set", "disconnect", "updateMany", "delete", "deleteMany")) {
            cells.add(new Cell(shape, verb)
                    .given("member", given)
                    .write("member", update + "{'" + verb + "':" + argumentOf(verb) + "}}}")
                    .refused(verb)
                    .stored("member", self, team, has("$-a/s")));
        }
        return cells;
    }

    /**
     * A well-formed argument for a verb, so that a refusal is about the verb on the shape, not about its argument.
     */
    private static String argumentOf(String verb) {
        return switch (verb) {
            case "createMany" -> "{'data':[{}]}";
            case "set" -> "[]";
            case "disconnect", "delete" -> "true";
            case "updateMany" -> "{'where':{},'data':{}}";
            case "deleteMany" -> "{}";
            default -> throw new IllegalArgumentException(verb);
        };
    }
}
