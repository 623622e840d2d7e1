package dev.shutdowncheck.model;

import com.google.common.collect.ImmutableList;
import com.google.errorprone.VisitorState;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Type;
import com.sun.tools.javac.code.TypeTag;
import com.sun.tools.javac.util.Name;
import com.sun.tools.javac.util.Names;
import javax.lang.model.SourceVersion;

/**
 * One row of the lifecycle tables: a member of a type, written {@code com.acme.Pool#drain}. The
 * member {@code *} stands for every member, {@code <init>} for constructors; an empty type
 * ({@code #halt}) stands for every type.
 */
public final class TypeMember {

  private final String type;
  private final String member;
  /**
   * The row's names in javac's name table of the compilation that asked last: a symbol's name is
   * then compared by identity, as javac compares names, with no string made for it. A compilation
   * that runs next to another one only replaces it.
   */
  private volatile InternedNames interned;

  private record InternedNames(Names table, Name type, Name member) {}

  public TypeMember(String type, String member) {
    this.type = type;
    this.member = member;
  }

  /** The type's binary or source name, or empty for every type. */
  public String type() {
    return type;
  }

  /** The member's name, {@code *} for every member, {@code <init>} for constructors. */
  public String member() {
    return member;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof TypeMember row && type.equals(row.type) && member.equals(row.member);
  }

  @Override
  public int hashCode() {
    return 31 * type.hashCode() + member.hashCode();
  }

  @Override
  public String toString() {
    return type + "#" + member;
  }

  /** Parses a library model's table; a malformed row fails with the row in the message. */
  public static ImmutableList<TypeMember> parseAll(String... rows) {
    ImmutableList.Builder<TypeMember> parsed = ImmutableList.builderWithExpectedSize(rows.length);
    for (String row : rows) {
      parsed.add(parse(row));
    }
    return parsed.build();
  }

  /**
   * Parses {@code Type#member}; returns null where the text is not of that form. Names are checked
   * by the language's own rules ({@link SourceVersion}), which also turn keywords away.
   */
  static TypeMember parseOrNull(String text) {
    String row = text.strip();
    int hash = row.indexOf('#');
    if (hash < 0) {
      return null;
    }
    String type = row.substring(0, hash);
    String member = row.substring(hash + 1);
    boolean wellFormed =
        (type.isEmpty() || SourceVersion.isName(type))
            && (member.equals("*")
                || member.equals("<init>")
                || SourceVersion.isIdentifier(member) && !SourceVersion.isKeyword(member));
    return wellFormed ? new TypeMember(type, member) : null;
  }

  private static TypeMember parse(String row) {
    TypeMember parsed = parseOrNull(row);
    if (parsed == null) {
      throw new IllegalArgumentException("malformed table row: " + row);
    }
    return parsed;
  }

  /** Whether {@code symbol}, a method or constructor, is this member of this type or a subtype. */
  public boolean matches(Symbol symbol, VisitorState state) {
    InternedNames names = internedIn(state);
    if (names.member() != null && names.member() != symbol.getSimpleName()) {
      return false;
    }
    return names.type() == null || isSubtypeOfNamed(symbol.owner.type, names.type(), state);
  }

  /** Whether {@code symbol} (null means no) is a member named by any of {@code rows}. */
  public static boolean anyMatches(Iterable<TypeMember> rows, Symbol symbol, VisitorState state) {
    if (symbol == null) {
      return false;
    }
    for (TypeMember row : rows) {
      if (row.matches(symbol, state)) {
        return true;
      }
    }
    return false;
  }

  private InternedNames internedIn(VisitorState state) {
    Names table = state.getNames();
    InternedNames known = interned;
    if (known == null || known.table() != table) {
      known =
          new InternedNames(
              table,
              type.isEmpty() ? null : table.fromString(type),
              member.equals("*") ? null : table.fromString(member));
      interned = known;
    }
    return known;
  }

  /**
   * Whether {@code type} is the class or interface named {@code name}, or a subtype of it. Read from
   * the type's own supertypes, not by looking {@code name} up: Error Prone remembers a failed
   * look-up for the whole compilation, so a library class asked about before javac had loaded it
   * would never match.
   */
  public static boolean isSubtypeOfNamed(Type type, String name, VisitorState state) {
    return isSubtypeOfNamed(type, state.getName(name), state);
  }

  /** As {@link #isSubtypeOfNamed(Type, String, VisitorState)}, with the name in javac's table. */
  private static boolean isSubtypeOfNamed(Type type, Name wanted, VisitorState state) {
    if (type == null) {
      return false;
    }
    Type erased = state.getTypes().erasure(type);
    if (!erased.hasTag(TypeTag.CLASS)) {
      return false;
    }
    // wanted: a source name (a.B.C) or a binary one (a.B$C)
    for (Type supertype : state.getTypes().closure(erased)) {
      if (supertype.tsym.getQualifiedName() == wanted || supertype.tsym.flatName() == wanted) {
        return true;
      }
    }
    return false;
  }
}
