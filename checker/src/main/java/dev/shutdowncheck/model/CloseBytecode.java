package dev.shutdowncheck.model;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import javax.tools.JavaFileObject;

/**
 * What the {@code close()V} that a class file declares does, read from its {@code Code} attribute:
 * nothing, only {@code super.close()}, only one call on one of the object's fields, or anything
 * else. Only what answers that is parsed; the rest of the class file is skipped (JVMS chapter 4,
 * class files up to Java 25).
 */
final class CloseBytecode {

  /** The shapes of a {@code close()} body that matter for whether it releases anything. */
  sealed interface Body {}

  /** Returns at once ({@code nop}s aside). */
  record ReturnsAtOnce() implements Body {}

  /**
   * {@code aload_0; invokespecial owner.close()V; return}: calls the inherited close() and nothing
   * else. {@code owner} is the class or interface the call names, in internal form ({@code a/b/C}).
   */
  record CallsSuperCloseOnly(String owner) implements Body {}

  /**
   * {@code aload_0; getfield f; invokevirtual|invokeinterface m()}, the result popped, then {@code
   * return}: passes the close on to what the field holds ({@code conduit.terminateReads()}).
   * {@code fieldType} is the field's declared class, as a binary name ({@code a.b.C$D}).
   */
  record ForwardsToField(String fieldType) implements Body {}

  /** Anything else, including no such method, no code (abstract, native) or no readable class. */
  record MayRelease() implements Body {}

  static final Body MAY_RELEASE = new MayRelease();
  private static final Body RETURNS_AT_ONCE = new ReturnsAtOnce();

  /** A class file that does not follow the format; it is read as "may release". */
  private static final class MalformedClassFile extends IOException {
    private static final long serialVersionUID = 1L;

    MalformedClassFile(String problem) {
      super(problem);
    }
  }

  private static final int MAGIC = 0xCAFEBABE;

  private static final int ACC_STATIC = 0x0008;
  private static final int ACC_NATIVE = 0x0100;
  private static final int ACC_ABSTRACT = 0x0400;

  /** JVMS 4.7.3: code_length is below 65536. */
  private static final int MAX_CODE_LENGTH = 65535;

  private static final int NOP = 0x00;
  private static final int ALOAD_0 = 0x2a;
  private static final int RETURN = 0xb1;
  private static final int INVOKESPECIAL = 0xb7;
  private static final int GETFIELD = 0xb4;
  private static final int INVOKEVIRTUAL = 0xb6;
  private static final int INVOKEINTERFACE = 0xb9;
  private static final int POP = 0x57;
  private static final int POP2 = 0x58;

  private CloseBytecode() {}

  /**
   * Reads {@code file}, the class file of {@code binaryName} ({@code a.b.Outer$Inner}). Never
   * throws for a file that is missing, unreadable or malformed: those may release anything.
   */
  static Body read(JavaFileObject file, String binaryName) {
    if (file == null || file.getKind() != JavaFileObject.Kind.CLASS) {
      return MAY_RELEASE;
    }
    byte[] bytes;
    try (InputStream in = file.openInputStream()) {
      bytes = in.readAllBytes();
    } catch (IOException e) {
      return MAY_RELEASE;
    }
    return read(bytes, binaryName);
  }

  /** As {@link #read(JavaFileObject, String)}, from the bytes of the class file. */
  static Body read(byte[] classFile, String binaryName) {
    try {
      return parse(classFile, binaryName);
    } catch (IOException e) {
      return MAY_RELEASE;
    }
  }

  private static Body parse(byte[] classFile, String binaryName) throws IOException {
    DataInputStream in = new DataInputStream(new ByteArrayInputStream(classFile));
    if (in.readInt() != MAGIC) {
      throw new MalformedClassFile("not a class file");
    }
    in.skipNBytes(4); // minor and major version: every version reads the same up to the methods
    ConstantPool pool = ConstantPool.read(in);
    in.skipNBytes(2); // access flags
    String thisClass = pool.className(in.readUnsignedShort());
    if (!thisClass.replace('/', '.').equals(binaryName)) {
      throw new MalformedClassFile("the class file of " + thisClass + ", not of " + binaryName);
    }
    in.skipNBytes(2); // superclass: the caller knows it from javac
    in.skipNBytes(2L * in.readUnsignedShort()); // interfaces
    int fields = in.readUnsignedShort();
    for (int i = 0; i < fields; i++) {
      in.skipNBytes(6); // access flags, name, descriptor
      skipAttributes(in);
    }
    int methods = in.readUnsignedShort();
    for (int i = 0; i < methods; i++) {
      int access = in.readUnsignedShort();
      String name = pool.utf8(in.readUnsignedShort());
      String descriptor = pool.utf8(in.readUnsignedShort());
      if (name.equals("close") && descriptor.equals("()V")) {
        if ((access & (ACC_STATIC | ACC_NATIVE | ACC_ABSTRACT)) != 0) {
          return MAY_RELEASE;
        }
        byte[] code = code(in, pool);
        return code == null ? MAY_RELEASE : shapeOf(code, pool);
      }
      skipAttributes(in);
    }
    return MAY_RELEASE;
  }

  /** The bytecode in the {@code Code} attribute among the method's attributes, or null. */
  private static byte[] code(DataInputStream in, ConstantPool pool) throws IOException {
    int attributes = in.readUnsignedShort();
    for (int i = 0; i < attributes; i++) {
      String name = pool.utf8(in.readUnsignedShort());
      long length = in.readInt() & 0xFFFFFFFFL;
      if (name.equals("Code")) {
        in.skipNBytes(4); // max_stack, max_locals
        int codeLength = in.readInt();
        if (codeLength <= 0 || codeLength > MAX_CODE_LENGTH || codeLength > length) {
          throw new MalformedClassFile("a Code attribute of " + codeLength + " bytes");
        }
        byte[] code = new byte[codeLength];
        in.readFully(code);
        return code;
      }
      in.skipNBytes(length);
    }
    return null; // a class file stripped of code, as javac's ct.sym for --release
  }

  private static void skipAttributes(DataInputStream in) throws IOException {
    int attributes = in.readUnsignedShort();
    for (int i = 0; i < attributes; i++) {
      in.skipNBytes(2); // name
      in.skipNBytes(in.readInt() & 0xFFFFFFFFL);
    }
  }

  /** Matches the three shapes above, with {@code nop}s anywhere. */
  private static Body shapeOf(byte[] code, ConstantPool pool) throws IOException {
    int at = skipNops(code, 0);
    if (opcode(code, at) == RETURN) {
      return endsAt(code, at) ? RETURNS_AT_ONCE : MAY_RELEASE;
    }
    if (opcode(code, at) != ALOAD_0) {
      return MAY_RELEASE;
    }
    at = skipNops(code, at + 1);
    if (opcode(code, at) == INVOKESPECIAL && at + 2 < code.length) {
      MethodRef called = pool.methodRef(operand(code, at));
      at = skipNops(code, at + 3);
      return endsAt(code, at) && called.name().equals("close") && called.descriptor().equals("()V")
          ? new CallsSuperCloseOnly(called.owner())
          : MAY_RELEASE;
    }
    if (opcode(code, at) == GETFIELD && at + 2 < code.length) {
      return forwardsFrom(pool.fieldDescriptor(operand(code, at)), code, skipNops(code, at + 3), pool);
    }
    return MAY_RELEASE;
  }

  /** After {@code aload_0; getfield} of a field of type {@code descriptor}: the forwarding call. */
  private static Body forwardsFrom(String descriptor, byte[] code, int at, ConstantPool pool)
      throws IOException {
    int call = opcode(code, at);
    int length = call == INVOKEINTERFACE ? 5 : 3;
    if (!(call == INVOKEVIRTUAL || call == INVOKEINTERFACE)
        || at + length > code.length
        || !descriptor.startsWith("L")
        || !descriptor.endsWith(";")) {
      return MAY_RELEASE;
    }
    String calledDescriptor = pool.methodRef(operand(code, at)).descriptor();
    if (!calledDescriptor.startsWith("()") || calledDescriptor.length() < 3) {
      return MAY_RELEASE; // a call with arguments does more than pass the close on
    }
    at = skipNops(code, at + length);
    char returned = calledDescriptor.charAt(2);
    if (returned != 'V') {
      // The result is dropped: one slot, or two for a long or a double.
      int expected = returned == 'J' || returned == 'D' ? POP2 : POP;
      if (opcode(code, at) != expected) {
        return MAY_RELEASE;
      }
      at = skipNops(code, at + 1);
    }
    return endsAt(code, at)
        ? new ForwardsToField(descriptor.substring(1, descriptor.length() - 1).replace('/', '.'))
        : MAY_RELEASE;
  }

  /** Whether {@code at} is a {@code return} with nothing but {@code nop}s after it. */
  private static boolean endsAt(byte[] code, int at) {
    return opcode(code, at) == RETURN && skipNops(code, at + 1) == code.length;
  }

  /** The two-byte constant pool index after the opcode at {@code at}. */
  private static int operand(byte[] code, int at) {
    return ((code[at + 1] & 0xFF) << 8) | (code[at + 2] & 0xFF);
  }

  private static int skipNops(byte[] code, int at) {
    while (at < code.length && code[at] == NOP) {
      at++;
    }
    return at;
  }

  /** The opcode at {@code at}, or -1 past the end. */
  private static int opcode(byte[] code, int at) {
    return at < code.length ? code[at] & 0xFF : -1;
  }

  private record MethodRef(String owner, String name, String descriptor) {}

  /**
   * The constant pool, keeping only what names classes, fields and methods: UTF-8 strings, class
   * entries, and field and method references with their name-and-type entries. Other entries are
   * skipped by size.
   */
  private static final class ConstantPool {
    private static final int UTF8 = 1;
    private static final int INTEGER = 3;
    private static final int FLOAT = 4;
    private static final int LONG = 5;
    private static final int DOUBLE = 6;
    private static final int CLASS = 7;
    private static final int STRING = 8;
    private static final int FIELD_REF = 9;
    private static final int METHOD_REF = 10;
    private static final int INTERFACE_METHOD_REF = 11;
    private static final int NAME_AND_TYPE = 12;
    private static final int METHOD_HANDLE = 15;
    private static final int METHOD_TYPE = 16;
    private static final int DYNAMIC = 17;
    private static final int INVOKE_DYNAMIC = 18;
    private static final int MODULE = 19;
    private static final int PACKAGE = 20;

    private final int[] tags;
    private final String[] strings;
    /** The indexes an entry refers to: a class's name; a member's class and name-and-type. */
    private final int[] first;
    private final int[] second;

    private ConstantPool(int count) {
      tags = new int[count];
      strings = new String[count];
      first = new int[count];
      second = new int[count];
    }

    static ConstantPool read(DataInputStream in) throws IOException {
      ConstantPool pool = new ConstantPool(in.readUnsignedShort());
      for (int i = 1; i < pool.tags.length; i++) {
        int tag = in.readUnsignedByte();
        pool.tags[i] = tag;
        switch (tag) {
          case UTF8 -> pool.strings[i] = in.readUTF(); // the class file's modified UTF-8
          case CLASS -> pool.first[i] = in.readUnsignedShort();
          case FIELD_REF, METHOD_REF, INTERFACE_METHOD_REF, NAME_AND_TYPE -> {
            pool.first[i] = in.readUnsignedShort();
            pool.second[i] = in.readUnsignedShort();
          }
          case STRING, METHOD_TYPE, MODULE, PACKAGE -> in.skipNBytes(2);
          case METHOD_HANDLE -> in.skipNBytes(3);
          case INTEGER, FLOAT, DYNAMIC, INVOKE_DYNAMIC -> in.skipNBytes(4);
          case LONG, DOUBLE -> {
            in.skipNBytes(8);
            i++; // takes two entries
          }
          default -> throw new MalformedClassFile("constant pool tag " + tag + " at " + i);
        }
      }
      return pool;
    }

    String utf8(int index) throws MalformedClassFile {
      return strings[entry(index, UTF8)];
    }

    String className(int index) throws MalformedClassFile {
      return utf8(first[entry(index, CLASS)]);
    }

    MethodRef methodRef(int index) throws MalformedClassFile {
      int ref = entry(index, METHOD_REF, INTERFACE_METHOD_REF);
      int nameAndType = entry(second[ref], NAME_AND_TYPE);
      return new MethodRef(
          className(first[ref]), utf8(first[nameAndType]), utf8(second[nameAndType]));
    }

    /** The descriptor of the field a field reference names ({@code Lorg/xnio/Conduit;}). */
    String fieldDescriptor(int index) throws MalformedClassFile {
      int ref = entry(index, FIELD_REF);
      return utf8(second[entry(second[ref], NAME_AND_TYPE)]);
    }

    /** {@code index}, checked to name an entry of one of {@code expected} tags. */
    private int entry(int index, int... expected) throws MalformedClassFile {
      if (index > 0 && index < tags.length) {
        for (int tag : expected) {
          if (tags[index] == tag) {
            return index;
          }
        }
      }
      throw new MalformedClassFile("constant pool entry " + index);
    }
  }
}
