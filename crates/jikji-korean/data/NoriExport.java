package org.apache.lucene.analysis.ko.dict;

import org.apache.lucene.analysis.ko.POS;
import org.apache.lucene.util.IntsRef;
import org.apache.lucene.util.fst.*;
import java.io.*;
import java.nio.charset.StandardCharsets;
import java.util.*;

/**
 * Exports Nori's dictionary for Jikji's segmenter (see make.sh). It sits in Nori's own package
 * because the dictionary's FST is package-private there; compile it with javac and run it from
 * the class path (a single-file launch loads it in another class loader, which Java refuses).
 *
 * Exports Nori's (mecab-ko-dic's) entries with their context ids, a POS-pair connection cost
 * table, and the full connection matrix by context id (args: entries.tsv connections.tsv
 * matrix.bin). */
public class NoriExport {
  public static void main(String[] a) throws Exception {
    TokenInfoDictionary dict = TokenInfoDictionary.getInstance();
    ConnectionCosts conn = ConnectionCosts.getInstance();
    FST<Long> f = dict.getFST().getInternalFST();
    IntsRefFSTEnum<Long> e = new IntsRefFSTEnum<>(f);
    IntsRefFSTEnum.InputOutput<Long> io;
    IntsRef ref = new IntsRef();
    Map<Integer, String> leftPos = new HashMap<>(), rightPos = new HashMap<>();
    try (PrintWriter out = new PrintWriter(new OutputStreamWriter(new BufferedOutputStream(new FileOutputStream(a[0])), StandardCharsets.UTF_8))) {
      while ((io = e.next()) != null) {
        char[] s = new char[io.input.length];
        for (int i = 0; i < s.length; i++) s[i] = (char) io.input.ints[io.input.offset + i];
        String surface = new String(s);
        dict.lookupWordIds(io.output.intValue(), ref);
        for (int i = 0; i < ref.length; i++) {
          int w = ref.ints[ref.offset + i];
          String lp = dict.getLeftPOS(w).name(), rp = dict.getRightPOS(w).name();
          leftPos.putIfAbsent(dict.getLeftId(w), lp);
          rightPos.putIfAbsent(dict.getRightId(w), rp);
          StringBuilder m = new StringBuilder();
          Dictionary.Morpheme[] ms = dict.getMorphemes(w, s, 0, s.length);
          if (ms != null) for (Dictionary.Morpheme x : ms) { if (m.length() > 0) m.append('+'); m.append(x.surfaceForm).append('/').append(x.posTag.name()); }
          out.println(surface + "\t" + dict.getPOSType(w) + "\t" + lp + "\t" + rp + "\t" + dict.getWordCost(w) + "\t" + m + "\t" + dict.getLeftId(w) + "\t" + dict.getRightId(w));
        }
      }
    }
    // Connection cost between the right POS of one word and the left POS of the next: the
    // median over the context ids of those POS (Nori's matrix is by context id, finer).
    Map<String, List<Integer>> byRight = new TreeMap<>(), byLeft = new TreeMap<>();
    rightPos.forEach((id, p) -> byRight.computeIfAbsent(p, k -> new ArrayList<>()).add(id));
    leftPos.forEach((id, p) -> byLeft.computeIfAbsent(p, k -> new ArrayList<>()).add(id));
    byRight.computeIfAbsent("BOS", k -> new ArrayList<>()).add(0);
    byLeft.computeIfAbsent("EOS", k -> new ArrayList<>()).add(0);
    try (PrintWriter out = new PrintWriter(new OutputStreamWriter(new FileOutputStream(a[1]), StandardCharsets.UTF_8))) {
      for (var r : byRight.entrySet()) for (var l : byLeft.entrySet()) {
        List<Integer> costs = new ArrayList<>();
        for (int ri : r.getValue()) for (int li : l.getValue()) costs.add(conn.get(ri, li));
        Collections.sort(costs);
        out.println(r.getKey() + "\t" + l.getKey() + "\t" + costs.get(costs.size() / 2) + "\t" + costs.size());
      }
    }
    // The whole matrix: u16 forward size (right ids), u16 backward size (left ids), then the
    // cost of each (right id, left id) pair as i16, right id major, all little-endian.
    java.lang.reflect.Field sizeField = ConnectionCosts.class.getDeclaredField("forwardSize");
    sizeField.setAccessible(true);
    int forward = sizeField.getInt(conn);
    java.lang.reflect.Field bufferField = ConnectionCosts.class.getDeclaredField("buffer");
    bufferField.setAccessible(true);
    int backward = ((java.nio.ByteBuffer) bufferField.get(conn)).limit() / 2 / forward;
    try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(new FileOutputStream(a[2])))) {
      out.writeShort(Short.reverseBytes((short) forward));
      out.writeShort(Short.reverseBytes((short) backward));
      for (int r = 0; r < forward; r++) for (int l = 0; l < backward; l++) out.writeShort(Short.reverseBytes((short) conn.get(r, l)));
    }
  }
}
