package dev.shutdowncheck.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class TypeMemberTest {

  @Test
  void readsEveryFormOfARow() {
    assertEquals(new TypeMember("com.acme.Pool", "drain"), TypeMember.parseOrNull(" com.acme.Pool#drain "));
    assertEquals(new TypeMember("", "halt"), TypeMember.parseOrNull("#halt"));
    assertEquals(new TypeMember("com.acme.Pool$Lease", "*"), TypeMember.parseOrNull("com.acme.Pool$Lease#*"));
    assertEquals(new TypeMember("Pool", "<init>"), TypeMember.parseOrNull("Pool#<init>"));
  }

  @Test
  void rejectsWhatIsNotATypeAndAMember() {
    for (String malformed :
        new String[] {
          "com.acme.Pool#drain()", "com.acme.Pool", "com..acme.Pool#drain", "com.acme.Pool#",
          "com.acme.Pool#new", "com acme.Pool#drain", "com.acme.Pool#drain.now", ".Pool#drain",
          "com.acme.Pool#<clinit>", "com.acme.Pool##drain"
        }) {
      assertNull(TypeMember.parseOrNull(malformed), malformed);
    }
  }

  @Test
  void aModelWithAMalformedRowFailsWithTheRow() {
    IllegalArgumentException error =
        assertThrows(IllegalArgumentException.class, () -> TypeMember.parseAll("com.acme.Pool#drain", "Pool#drain()"));
    assertEquals("malformed table row: Pool#drain()", error.getMessage());
  }
}
