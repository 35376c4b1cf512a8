import { describe, expect, it } from 'vitest';
import { parseChangedLines, unquotePath } from '../../../src/core/action/hunks.js';

const DIFF = `diff --git a/src/a.ts b/src/a.ts
index 1111111..2222222 100644
--- a/src/a.ts
+++ b/src/a.ts
@@ -3,2 +3,2 @@ function f() {
-old
-old
+new
+new
@@ -10 +10 @@
-x
+y
@@ -20,3 +19,0 @@
-gone
-gone
-gone
diff --git a/gone.ts b/gone.ts
deleted file mode 100644
--- a/gone.ts
+++ /dev/null
@@ -1 +0,0 @@
-bye
diff --git a/old.ts b/new.ts
similarity index 90%
rename from old.ts
rename to new.ts
--- a/old.ts
+++ b/new.ts
@@ -0,0 +1,3 @@
+@@ -1 +1 @@ looks like a hunk
+b
+c
diff --git "a/tab\\there" "b/tab\\there"
--- "a/tab\\there"
+++ "b/tab\\there"
@@ -1 +1 @@
-a
+b
`;

describe('parseChangedLines', () => {
  it('lists added and changed lines per file in the new numbering; deletions add none', () => {
    expect(parseChangedLines(DIFF)).toEqual([
      { path: 'src/a.ts', ranges: [{ start: 3, end: 4 }, { start: 10, end: 10 }] },
      { path: 'new.ts', ranges: [{ start: 1, end: 3 }] },
      { path: 'tab\there', ranges: [{ start: 1, end: 1 }] },
    ]);
  });
});

describe('unquotePath', () => {
  it('undoes C quoting, octal bytes as UTF-8', () => {
    expect(unquotePath('"b/caf\\303\\251 \\"x\\""')).toBe('b/café "x"');
    expect(unquotePath('b/plain')).toBe('b/plain');
  });
});
