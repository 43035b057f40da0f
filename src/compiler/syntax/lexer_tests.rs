//! Unit tests of the tokenizer (`lexer`) alone: token types, text and positions, comments as
//! `NextWithComments` sorts them, literal forms, and every error text with its position
//! (expected values from protoc 35.1, through files that put the token on line 2).

use super::lexer::{self, Comments, Lexer, TokenType};
use crate::compiler::test_support::render;
use crate::diagnostics::Diagnostics;

/// A token as the tests compare it: type, text, 0-based line, column and end column.
type Tok = (TokenType, String, u32, u32, u32);

/// Every token of `src` up to the end (included) and the diagnostics, as protoc prints them
/// for a file named `t.proto`. Reads the first token as the parser does
/// (`next_with_comments`, which also skips a BOM), the rest with `next_token`.
fn lex(src: &[u8]) -> (Vec<Tok>, Vec<String>) {
    let mut d = Diagnostics::default();
    let mut toks = Vec::new();
    {
        let mut lx = Lexer::new(src, "t.proto", &mut d);
        lx.next_with_comments(None);
        loop {
            let t = *lx.current();
            toks.push((t.ty, t.text_string(), t.line, t.col, t.end_col));
            if t.ty == TokenType::End {
                break;
            }
            lx.next_token();
        }
    }
    (toks, render(&d))
}

/// The diagnostics of lexing `syntax = "proto3";\noption x = <token>;\n`.
fn option_value_errors(token: &str) -> Vec<String> {
    lex(format!("syntax = \"proto3\";\noption x = {token};\n").as_bytes()).1
}

fn tok(ty: TokenType, text: &str, line: u32, col: u32, end_col: u32) -> Tok {
    (ty, text.to_string(), line, col, end_col)
}

/// Reads tokens until the current one is `text` (as the parser does up to the end of a
/// declaration), then collects the comments up to the next token.
fn comments_after(lx: &mut Lexer<'_, '_>, text: &[u8]) -> Comments {
    while lx.current().text != text {
        assert!(lx.next_token(), "no {:?}", String::from_utf8_lossy(text));
    }
    let mut c = Comments::default();
    lx.next_with_comments(Some(&mut c));
    c
}

fn s(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

#[test]
fn token_types_text_and_zero_based_positions() {
    use TokenType::*;
    let (toks, errs) = lex(
        b"message M {\n  int32 a_1 = 0x1F [default = -1.5];\n  string s = 2 [default = 'x'];\n}",
    );
    assert_eq!(errs, Vec::<std::string::String>::new());
    assert_eq!(
        toks,
        [
            tok(Identifier, "message", 0, 0, 7),
            tok(Identifier, "M", 0, 8, 9),
            tok(Symbol, "{", 0, 10, 11),
            tok(Identifier, "int32", 1, 2, 7),
            tok(Identifier, "a_1", 1, 8, 11),
            tok(Symbol, "=", 1, 12, 13),
            tok(Integer, "0x1F", 1, 14, 18),
            tok(Symbol, "[", 1, 19, 20),
            tok(Identifier, "default", 1, 20, 27),
            tok(Symbol, "=", 1, 28, 29),
            tok(Symbol, "-", 1, 30, 31),
            tok(Float, "1.5", 1, 31, 34),
            tok(Symbol, "]", 1, 34, 35),
            tok(Symbol, ";", 1, 35, 36),
            tok(Identifier, "string", 2, 2, 8),
            tok(Identifier, "s", 2, 9, 10),
            tok(Symbol, "=", 2, 11, 12),
            tok(Integer, "2", 2, 13, 14),
            tok(Symbol, "[", 2, 15, 16),
            tok(Identifier, "default", 2, 16, 23),
            tok(Symbol, "=", 2, 24, 25),
            tok(String, "'x'", 2, 26, 29),
            tok(Symbol, "]", 2, 29, 30),
            tok(Symbol, ";", 2, 30, 31),
            tok(Symbol, "}", 3, 0, 1),
            tok(End, "", 3, 1, 1),
        ]
    );
}

#[test]
fn tab_advances_the_column_to_the_next_multiple_of_8() {
    let (toks, _) = lex(b"\ta\t\tb\nabc\tc\nabcdefgh\td ab\t e");
    let at: Vec<(String, u32, u32)> = toks
        .iter()
        .filter(|t| t.0 == TokenType::Identifier)
        .map(|t| (t.1.clone(), t.2, t.3))
        .collect();
    assert_eq!(
        at,
        [
            ("a".to_string(), 0, 8),
            ("b".to_string(), 0, 24),
            ("abc".to_string(), 1, 0),
            ("c".to_string(), 1, 8),
            ("abcdefgh".to_string(), 2, 0),
            ("d".to_string(), 2, 16),
            ("ab".to_string(), 2, 18),
            ("e".to_string(), 2, 25),
        ]
    );
}

#[test]
fn only_newline_ends_a_line_and_a_bom_takes_three_columns() {
    let (toks, errs) = lex(b"\xef\xbb\xbfa\rb\r\nc");
    assert_eq!(errs, Vec::<String>::new());
    let at: Vec<(String, u32, u32)> = toks.iter().map(|t| (t.1.clone(), t.2, t.3)).collect();
    assert_eq!(
        at,
        [
            ("a".to_string(), 0, 3),
            ("b".to_string(), 0, 5),
            ("c".to_string(), 1, 0),
            ("".to_string(), 1, 1),
        ]
    );
}

#[test]
fn comments_trailing_detached_and_leading_between_declarations() {
    let src = b"syntax = \"proto3\"; // trailing syntax\n// detached 1\n\n/* detached 2 */\n\n// leading M\n// second line\nmessage M {}\n";
    let mut d = Diagnostics::default();
    let mut lx = Lexer::new(src, "t.proto", &mut d);
    lx.next_with_comments(None);
    let c = comments_after(&mut lx, b";");
    assert_eq!(s(&c.prev_trailing), " trailing syntax\n");
    assert_eq!(
        c.detached.iter().map(|x| s(x)).collect::<Vec<_>>(),
        [" detached 1\n", " detached 2 "]
    );
    assert_eq!(s(&c.next_leading), " leading M\n second line\n");
    assert_eq!(s(lx.current().text), "message");
}

#[test]
fn block_comment_continuation_stars_are_stripped() {
    let src = b"message M {\n  int32 a = 1; /* trailing\n   * block */\n  /* leading\n   * b */\n  int32 b = 2;\n}\n";
    let mut d = Diagnostics::default();
    let mut lx = Lexer::new(src, "t.proto", &mut d);
    lx.next_with_comments(None);
    let c = comments_after(&mut lx, b";");
    assert_eq!(s(&c.prev_trailing), " trailing\n block ");
    assert!(c.detached.is_empty());
    assert_eq!(s(&c.next_leading), " leading\n b ");
    assert_eq!((lx.current().line, lx.current().col), (5, 2));
}

#[test]
fn comment_on_the_line_before_a_closing_brace_trails_the_previous_declaration() {
    let src = b"message M {\n  int32 c = 3;\n  // not attached\n}\n";
    let mut d = Diagnostics::default();
    let mut lx = Lexer::new(src, "t.proto", &mut d);
    lx.next_with_comments(None);
    let c = comments_after(&mut lx, b";");
    assert_eq!(s(&c.prev_trailing), " not attached\n");
    assert!(c.detached.is_empty());
    assert!(c.next_leading.is_empty());
    assert_eq!(s(lx.current().text), "}");
}

#[test]
fn string_tokens_keep_quotes_and_escapes_decode() {
    let (toks, errs) =
        lex(br#""a\"b" 'it\'s' "\a\b\f\n\r\t\v\\\?\'\"" "\101\0\x41\xa" "\u00e9\U0001F600""#);
    assert_eq!(errs, Vec::<String>::new());
    let strings: Vec<&str> = toks
        .iter()
        .filter(|t| t.0 == TokenType::String)
        .map(|t| t.1.as_str())
        .collect();
    assert_eq!(strings[0], r#""a\"b""#);
    assert_eq!(strings[1], r#"'it\'s'"#);
    let decoded: Vec<Vec<u8>> = strings
        .iter()
        .map(|t| lexer::parse_string(t.as_bytes()))
        .collect();
    assert_eq!(
        decoded,
        [
            b"a\"b".to_vec(),
            b"it's".to_vec(),
            b"\x07\x08\x0c\n\r\t\x0b\\?'\"".to_vec(),
            b"A\0A\n".to_vec(),
            "é😀".as_bytes().to_vec(),
        ]
    );
}

#[test]
fn string_runs_keep_columns_and_the_closing_quote_rule() {
    // A tab inside a string moves to the next multiple of 8; other bytes count one column each
    // (`é` is two), as protoc's tokenizer counts them.
    let (toks, errs) = lex("\"a\tb\" z \"é\" y".as_bytes());
    assert_eq!(errs, Vec::<String>::new());
    assert_eq!(toks[0], tok(TokenType::String, "\"a\tb\"", 0, 0, 10));
    assert_eq!(toks[1], tok(TokenType::Identifier, "z", 0, 11, 12));
    assert_eq!(toks[2], tok(TokenType::String, "\"é\"", 0, 13, 17));
    assert_eq!(toks[3], tok(TokenType::Identifier, "y", 0, 18, 19));
    // Decoding drops only a closing quote that is the text's last byte and not escaped; a
    // backslash with nothing after it is kept.
    let decoded = |t: &[u8]| lexer::parse_string(t);
    assert_eq!(decoded(b"\"ab"), b"ab");
    assert_eq!(decoded(b"\"ab\\\""), b"ab\"");
    assert_eq!(decoded(b"\"ab\\"), b"ab\\");
    assert_eq!(decoded(b"\"a\"b\""), b"a\"b");
    assert_eq!(decoded(b"\"\""), b"");
    assert_eq!(decoded(b"\"\\101x\\\\y\""), b"Ax\\y");
}

#[test]
fn integer_and_float_forms() {
    use TokenType::*;
    let (toks, errs) = lex(b"0 07 0x1F 0X1f 123 1. .5 1e5 1E+5 1.5e-3 5e0");
    assert_eq!(errs, Vec::<std::string::String>::new());
    let kinds: Vec<(TokenType, &str)> = toks
        .iter()
        .filter(|t| t.0 != End)
        .map(|t| (t.0, t.1.as_str()))
        .collect();
    assert_eq!(
        kinds,
        [
            (Integer, "0"),
            (Integer, "07"),
            (Integer, "0x1F"),
            (Integer, "0X1f"),
            (Integer, "123"),
            (Float, "1."),
            (Float, ".5"),
            (Float, "1e5"),
            (Float, "1E+5"),
            (Float, "1.5e-3"),
            (Float, "5e0"),
        ]
    );
    let ints: Vec<Option<u64>> = kinds[..5]
        .iter()
        .map(|k| lexer::parse_integer(k.1.as_bytes(), u64::MAX))
        .collect();
    assert_eq!(ints, [Some(0), Some(7), Some(31), Some(31), Some(123)]);
    let floats: Vec<f64> = kinds[5..]
        .iter()
        .map(|k| lexer::parse_float(k.1.as_bytes()))
        .collect();
    assert_eq!(floats, [1.0, 0.5, 1e5, 1e5, 1.5e-3, 5.0]);
}

#[test]
fn string_errors() {
    assert_eq!(
        option_value_errors("\"abc"),
        ["t.proto:2:17: Multiline strings are not allowed. Did you miss a \"?."]
    );
    assert_eq!(
        option_value_errors(r#""a\qb""#),
        ["t.proto:2:15: Invalid escape sequence in string literal."]
    );
    assert_eq!(
        option_value_errors(r#""a\x""#),
        ["t.proto:2:16: Expected hex digits for escape sequence."]
    );
    assert_eq!(
        option_value_errors(r#""\u12""#),
        ["t.proto:2:17: Expected four hex digits for \\u escape sequence."]
    );
    assert_eq!(
        lex(b"syntax = \"proto3\";\noption x = \"abc").1,
        ["t.proto:2:16: Unexpected end of string."]
    );
}

#[test]
fn number_errors() {
    let cases: [(&str, &str); 10] = [
        ("0x", "t.proto:2:14: \"0x\" must be followed by hex digits."),
        ("0X", "t.proto:2:14: \"0x\" must be followed by hex digits."),
        (
            "089",
            "t.proto:2:13: Numbers starting with leading zero must be in octal.",
        ),
        ("1e", "t.proto:2:14: \"e\" must be followed by exponent."),
        ("1e+", "t.proto:2:15: \"e\" must be followed by exponent."),
        (
            "1.5.2",
            "t.proto:2:15: Already saw decimal point or exponent; can't have another one.",
        ),
        (
            "1.5e3.1",
            "t.proto:2:17: Already saw decimal point or exponent; can't have another one.",
        ),
        (
            "123abc",
            "t.proto:2:15: Need space between number and identifier.",
        ),
        (
            "0x1fg",
            "t.proto:2:16: Need space between number and identifier.",
        ),
        (
            "a.5",
            "t.proto:2:13: Need space between identifier and decimal point.",
        ),
    ];
    for (token, expected) in cases {
        assert_eq!(option_value_errors(token), [expected], "{token}");
    }
}

#[test]
fn comment_and_character_errors() {
    assert_eq!(
        lex(b"syntax = \"proto3\";\n/* a /* b */\nmessage M {}\n").1,
        ["t.proto:2:7: \"/*\" inside block comment.  Block comments cannot be nested."]
    );
    assert_eq!(
        lex(b"syntax = \"proto3\";\nmessage M {}\n  /* never\nclosed\n").1,
        [
            "t.proto:5:1: End-of-file inside block comment.",
            "t.proto:3:3:   Comment started here.",
        ]
    );
    assert_eq!(
        lex(b"syntax = \"proto3\";\nmessage M\x01 {}\n").1,
        ["t.proto:2:10: Invalid control characters encountered in text."]
    );
    assert_eq!(
        lex(b"syntax = \"proto3\";\nmessage M { int32 \xc3\xa9 = 1; }\n").1,
        [
            "t.proto:2:19: Interpreting non ascii codepoint 195.",
            "t.proto:2:20: Interpreting non ascii codepoint 169.",
        ]
    );
}
