/// Text that came from a file or a request, as a message shows it: control characters (C0 but tab and line feed,
/// DEL, C1) and the bidirectional controls are written as `\u{1B}`-style escapes, never raw — so a header in a file
/// can never set a terminal's title, clear its screen or turn a line around (issue 17, "messages that do harm").
public enum ShownText {
    /// `text` with every control character escaped; everything else, line feeds and tabs included, unchanged.
    public static func escapingControls(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isHidden) else { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            guard isHidden(scalar) else {
                out.append(scalar)
                continue
            }
            out.append(contentsOf: "\\u{\(String(scalar.value, radix: 16, uppercase: true))}".unicodeScalars)
        }
        return String(out)
    }

    /// Whether a terminal or a page would act on `scalar` rather than show it.
    public static func isHidden(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x0A: false
        case 0x00...0x1F, 0x7F...0x9F: true
        // Bidirectional embeddings, overrides and isolates; the line and paragraph separators.
        case 0x202A...0x202E, 0x2066...0x2069, 0x2028, 0x2029: true
        default: false
        }
    }
}
