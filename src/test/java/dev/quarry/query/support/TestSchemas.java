package dev.quarry.query.support;

import dev.quarry.schema.model.Relation;
import dev.quarry.schema.model.Schema;
import java.util.List;
import java.util.Optional;

/** The blog schema (src/main/resources/schema.prisma) and the rich test schema (src/test/resources/query/rich.prisma) as records. */
public final class TestSchemas {

    private TestSchemas() {}

    public static Schema blog() {
        return new SchemaBuilder()
                .model("User", "User")
                .field("id String id").field("email String unique").field("name String?").field("active Boolean")
                .relation("posts Post[] PostToUser").field("createdAt DateTime").field("updatedAt DateTime")
                .done()
                .model("Post", "Post")
                .field("id String id").field("title String").field("body String").field("published Boolean")
                .relation("author User PostToUser").field("authorId String").field("createdAt DateTime")
                .done()
                .relation("PostToUser", Relation.Kind.ONE_TO_MANY, "Post", "author", List.of("authorId"), "User", "posts", List.of("id"))
                .build();
    }

    public static Schema rich() {
        return new SchemaBuilder()
                .enumType("Role", "role", "USER", "ADMIN:admin", "GUEST")
                .enumType("Status", "Status", "DRAFT", "PUBLISHED", "ARCHIVED")
                .model("Account", "accounts")
                .field("id Int id").field("email String unique").field("handle:user_handle String").field("role Role").field("roles Role[]")
                .field("tags String[]").field("scores Int[]").field("balance Decimal").field("ratio Decimal?").field("views BigInt")
                .field("bigs BigInt[]").field("avatar Bytes?").field("settings Json").field("meta Json?").field("birthday DateTime? @db.Date")
                .field("createdAt:created_at DateTime").field("updatedAt:updated_at DateTime").field("weight Float?").field("active Boolean")
                .relation("profile Profile? AccountToProfile").relation("articles Article[] AccountToArticle")
                .relation("memberships Membership[] AccountToMembership").field("mentorId:mentor_id Int?")
                .relation("mentor Account? Mentorship").relation("mentees Account[] Mentorship")
                .compoundUnique(Optional.empty(), "handle", "role")
                .done()
                .model("Profile", "profiles")
                .field("id String id @db.Uuid").field("bio String?").field("accountId:account_id Int unique").relation("account Account AccountToProfile")
                .done()
                .model("Article", "articles")
                .field("id BigInt id").field("title String").field("slug String unique").field("status Status").field("body String?")
                .field("price Decimal?").field("rating Float").field("publishedAt:published_at DateTime? @db.Timestamptz")
                .field("authorId:author_id Int?").relation("author Account? AccountToArticle").relation("categories Category[] ArticleToCategory")
                .relation("comments Comment[] ArticleToComment")
                .done()
                .model("Category", "Category")
                .field("id Int id").field("name String unique").relation("articles Article[] ArticleToCategory").field("parentId Int?")
                .relation("parent Category? CategoryTree").relation("children Category[] CategoryTree")
                .done()
                .model("Comment", "Comment")
                .field("id Int id").field("text String").field("articleId BigInt").relation("article Article ArticleToComment")
                .field("replyToId Int?").relation("replyTo Comment? Replies").relation("replies Comment[] Replies").field("createdAt DateTime")
                .done()
                .model("Team", "Team")
                .field("id Int id").field("name String").relation("members Membership[] MembershipToTeam")
                .done()
                .model("Membership", "memberships")
                .field("accountId Int").field("teamId Int").field("role Role").field("joinedAt DateTime")
                .relation("account Account AccountToMembership").relation("team Team MembershipToTeam").compoundId("accountId", "teamId")
                .done()
                .model("Blob", "Blob")
                .field("key String id").field("data Bytes").field("checksum BigInt").field("size Int")
                .compoundUnique(Optional.of("checksum_size"), "checksum", "size")
                .done()
                .model("APIKey", "APIKey")
                .field("id String id").field("hash Bytes unique").field("expires DateTime")
                .done()
                .relation("AccountToProfile", Relation.Kind.ONE_TO_ONE, "Profile", "account", List.of("accountId"), "Account", "profile", List.of("id"))
                .relation("AccountToArticle", Relation.Kind.ONE_TO_MANY, "Article", "author", List.of("authorId"), "Account", "articles", List.of("id"))
                .relation("AccountToMembership", Relation.Kind.ONE_TO_MANY, "Membership", "account", List.of("accountId"), "Account", "memberships",
                        List.of("id"))
                .relation("MembershipToTeam", Relation.Kind.ONE_TO_MANY, "Membership", "team", List.of("teamId"), "Team", "members", List.of("id"))
                .relation("Mentorship", Relation.Kind.ONE_TO_MANY, "Account", "mentor", List.of("mentorId"), "Account", "mentees", List.of("id"))
                .relation("CategoryTree", Relation.Kind.ONE_TO_MANY, "Category", "parent", List.of("parentId"), "Category", "children", List.of("id"))
                .relation("ArticleToComment", Relation.Kind.ONE_TO_MANY, "Comment", "article", List.of("articleId"), "Article", "comments", List.of("id"))
                .relation("Replies", Relation.Kind.ONE_TO_MANY, "Comment", "replyTo", List.of("replyToId"), "Comment", "replies", List.of("id"))
                .manyToMany("ArticleToCategory", "Article", "categories", "id", "Category", "articles", "id")
                .build();
    }
}
