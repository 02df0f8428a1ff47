/// How a NIK or No. KK is shown to someone whose role may not see it in full: the last 4 digits only
/// (`************3456`), enough to tell family members apart and to match a paper card.
public enum IdentityMask {
    public static func masked(_ digits: String) -> String { String(repeating: "*", count: max(0, digits.count - 4)) + digits.suffix(4) }
}
