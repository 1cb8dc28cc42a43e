package dev.quarry.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class RouteNamesTest {

    @Test
    void resourceNamesAreCamelCasePlurals() {
        assertEquals("users", RouteNames.resource("User"));
        assertEquals("categories", RouteNames.resource("Category"));
        assertEquals("people", RouteNames.resource("Person"));
        assertEquals("blogPosts", RouteNames.resource("BlogPost"));
        assertEquals("apiKeys", RouteNames.resource("APIKey"));
        assertEquals("addresses", RouteNames.resource("Address"));
        assertEquals("boxes", RouteNames.resource("Box"));
        assertEquals("keys", RouteNames.resource("Key"));
        assertEquals("userProfiles", RouteNames.resource("user_profile"));
        assertEquals("news", RouteNames.resource("News"));
        assertEquals("teamMemberships", RouteNames.resource("TeamMembership"));
    }

    @Test
    void delegatesAreAsPrismaClientNamesThem() {
        assertEquals("user", RouteNames.delegate("User"));
        assertEquals("aPIKey", RouteNames.delegate("APIKey"));
        assertEquals("blogPost", RouteNames.delegate("BlogPost"));
    }
}
