/// What a new password must be. Admins hold the keys to every account of their region, so theirs is longer.
///
/// The rule as users read it (Bahasa Indonesia): kata sandi minimal 10 karakter (admin: 12), tidak hanya angka,
/// tidak sama dengan atau memuat nama pengguna, memakai sedikitnya 4 karakter berbeda, dan bukan kata sandi
/// umum yang mudah ditebak (mis. `password123`, `1234567890`, `qwertyuiop`).
public enum PasswordPolicy {
    public static let minimumLength = 10
    public static let adminMinimumLength = 12

    /// Why a password is refused.
    public enum Weakness: Sendable, Hashable {
        case tooShort(minimum: Int)
        case onlyDigits
        case containsUsername
        case tooFewDistinctCharacters
        case common

        public var english: String {
            switch self {
            case .tooShort(let minimum): "use at least \(minimum) characters"
            case .onlyDigits: "use more than digits"
            case .containsUsername: "it must not contain the username"
            case .tooFewDistinctCharacters: "use more different characters"
            case .common: "it is a common password that is guessed first"
            }
        }

        public var indonesian: String {
            switch self {
            case .tooShort(let minimum): "minimal \(minimum) karakter"
            case .onlyDigits: "jangan hanya angka"
            case .containsUsername: "tidak boleh sama dengan atau memuat nama pengguna"
            case .tooFewDistinctCharacters: "pakai sedikitnya 4 karakter yang berbeda"
            case .common: "kata sandi ini terlalu umum dan mudah ditebak"
            }
        }
    }

    /// The minimum length for `role`.
    public static func minimumLength(for role: Role) -> Int { role == .admin ? adminMinimumLength : minimumLength }

    /// Why `password` is refused for a user called `username` with `role`, or `nil` when it is acceptable.
    public static func weakness(of password: String, username: String, role: Role) -> Weakness? {
        let minimum = minimumLength(for: role)
        if password.count < minimum { return .tooShort(minimum: minimum) }
        if password.allSatisfy({ $0.isASCII && $0.isNumber }) { return .onlyDigits }
        if !username.isEmpty, password.lowercased().contains(username.lowercased()) { return .containsUsername }
        if Set(password).count < 4 { return .tooFewDistinctCharacters }
        if isCommon(password) { return .common }
        return nil
    }

    /// A common password, or one with a few digits or symbols added to a common word ("password12", "Rahasia2024!").
    static func isCommon(_ password: String) -> Bool {
        let lowered = password.lowercased()
        if common.contains(lowered) { return true }
        let letters = String(lowered.filter { $0.isLetter })
        return letters.count >= 4 && common.contains(letters) && lowered.count - letters.count <= 6
    }

    /// Passwords (and their words) that guessing tools try first, in English and Bahasa Indonesia.
    static let common: Set<String> = [
        "password", "passw0rd", "password1", "password12", "password123", "password1234", "1234567890", "12345678910",
        "123456789012", "qwertyuiop", "qwerty", "qwerty123", "qwertyuiop123", "asdfghjkl", "asdfasdf", "zxcvbnm",
        "iloveyou", "welcome", "welcome123", "admin", "admin123", "administrator", "letmein", "monkey", "dragon", "football",
        "sunshine", "princess", "superman", "trustno", "changeme", "secret", "abcdefgh", "abcdefghij", "abc123456",
        "rahasia", "rahasia123", "sayang", "sayangku", "bismillah", "indonesia", "merdeka", "katasandi", "katasandiku",
        "lumbung", "lumbung123", "lkks", "lkksntb", "mataram", "lombok", "sumbawa", "ntb", "bantuan", "pkh", "bansos",
    ]
}
