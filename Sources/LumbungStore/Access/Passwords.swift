import HummingbirdBcrypt
import LumbungDomain

/// Password hashing: bcrypt at cost 12 (about a quarter of a second per hash on this hardware), so a
/// stolen database does not give passwords away cheaply. No default password ever ships.
public enum Passwords {
    public static let cost: UInt8 = 12
    public static let minimumLength = PasswordPolicy.minimumLength

    public static func hash(_ password: String) -> String { Bcrypt.hash(password, cost: cost) }

    public static func verify(_ password: String, hash: String) -> Bool { Bcrypt.verify(password, hash: hash) }

    /// Why a new password is refused (`PasswordPolicy`), or `nil` when it is acceptable.
    public static func weakness(of password: String, username: String, role: Role) -> PasswordPolicy.Weakness? {
        PasswordPolicy.weakness(of: password, username: username, role: role)
    }

    /// A random secret for a session or an API token: 32 bytes from the system's secure generator, as hex.
    public static func randomSecret() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<32).map { _ in String(format2(UInt8.random(in: .min ... .max, using: &generator))) }.joined()
    }

    private static func format2(_ byte: UInt8) -> String {
        let digits = Array("0123456789abcdef")
        return String([digits[Int(byte >> 4)], digits[Int(byte & 0x0f)]])
    }
}
