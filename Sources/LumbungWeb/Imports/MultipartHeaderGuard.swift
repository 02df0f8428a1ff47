/// Looks at a multipart body before MultipartKit does, and refuses one whose part header names hold a byte of 0x80 or
/// more: MultipartKit 4.7's parser looks such a byte up in a 128-entry table and traps (index out of range), which
/// stopped the whole server on one request (found by schemathesis). Valid header names are ASCII tokens, so nothing
/// real is refused. Streams: the state carries over from one chunk to the next.
struct MultipartHeaderGuard {
    /// `CR LF -- boundary`: what ends a part's body (the first delimiter of the body has no CR LF before it).
    private let delimiter: [UInt8]
    private var matched = 2
    private enum State {
        /// Preamble or a part's body: looking for the delimiter.
        case content
        /// After `--boundary`: its first byte says whether it is the closing delimiter.
        case delimiterEnd
        /// The rest of the delimiter's line, then the part's headers.
        case delimiterLine
        case lineStart, name, value
        /// A CR at the start of a header line: the empty line that ends the headers.
        case emptyLine
        /// After the closing delimiter: nothing more is parsed.
        case epilogue
    }
    private var state = State.content

    init(boundary: String) {
        delimiter = Array("\r\n--\(boundary)".utf8)
    }

    /// Whether `bytes` (the body's next chunk) can go to the parser; `false` for a header name it would trap on.
    mutating func accepts(_ bytes: some Sequence<UInt8>) -> Bool {
        for byte in bytes {
            switch state {
            case .content:
                if byte == delimiter[matched] {
                    matched += 1
                    if matched == delimiter.count {
                        matched = 0
                        state = .delimiterEnd
                    }
                } else {
                    // The delimiter holds a CR only at its start, so a mismatch restarts at this byte.
                    matched = byte == 13 ? 1 : 0
                }
            case .delimiterEnd:
                state = byte == 45 ? .epilogue : (byte == 10 ? .lineStart : .delimiterLine)
            case .delimiterLine:
                if byte == 10 { state = .lineStart }
            case .lineStart:
                if byte >= 0x80 { return false }
                state = byte == 13 ? .emptyLine : (byte == 58 ? .value : .name)
            case .name:
                if byte >= 0x80 { return false }
                if byte == 58 { state = .value } else if byte == 10 { state = .lineStart }
            case .value:
                if byte == 10 { state = .lineStart }
            case .emptyLine:
                // The LF of the empty line: the part's body begins.
                state = .content
                matched = 0
            case .epilogue:
                return true
            }
        }
        return true
    }
}
