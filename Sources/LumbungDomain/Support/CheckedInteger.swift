/// The one place Lumbung turns a floating-point number into an integer.
///
/// `Int(someDouble)` traps on NaN, on ±infinity and on anything beyond `Int`'s range, and a URL, a form
/// or a file can send all of those (`1e19`, `1e300`, `nan`, `inf`): one such request would stop the
/// server. Every conversion goes through these two initialisers instead; `NumberConversionLintTests`
/// fails the build's tests when a bare `Int(…)` of a `Double` appears anywhere else in `Sources/`.
extension Int {
    /// `value` rounded by `rule`, or `nil` when it is NaN, infinite or outside `Int`'s range.
    /// For values from outside (URL, form, header, file): the caller turns `nil` into a message.
    public init?(checked value: Double, rounding rule: FloatingPointRoundingRule = .towardZero) {
        guard value.isFinite else { return nil }
        // `Int(exactly:)` answers nil (never traps) for a whole number beyond Int's range.
        self.init(exactly: value.rounded(rule))
    }

    /// `value` rounded by `rule`, held to `Int`'s range (NaN gives 0). For figures Lumbung computed itself
    /// and only shows (percentages, progress, coordinates), where a wrong-but-finite digit beats a crash.
    /// The lowest result is `-Int.max`, so `abs` of it never traps either.
    public init(saturating value: Double, rounding rule: FloatingPointRoundingRule = .towardZero) {
        if value.isNaN {
            self = 0
        } else if let exact = Int(checked: value, rounding: rule) {
            self = exact
        } else {
            self = value < 0 ? -.max : .max
        }
    }
}
