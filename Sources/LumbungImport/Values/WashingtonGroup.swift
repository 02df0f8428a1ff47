import LumbungDomain

/// The Washington-Group reading of Regsosek 428a–i (1 cannot at all, 2 a lot of difficulty, 3 some, 4 none): a person
/// has a disability when any domain is answered 1 or 2. Its kind follows the domain brief (§4.3): seeing, hearing and
/// speaking → sensory; walking and using hands → physical; learning → intellectual; controlling behaviour → mental;
/// self-care and remembering, which the brief leaves ambiguous, count as a disability of the kind of any other domain
/// answered, else as physical (self-care) and intellectual (remembering); two kinds or more → multiple.
enum WashingtonGroup {
    static func disability(answers: [Int?]) -> DisabilityType? {
        let kinds: [DisabilityType] = [.sensory, .sensory, .physical, .physical, .intellectual, .mental, .sensory, .physical, .intellectual]
        let severe = answers.enumerated().filter { $0.element == 1 || $0.element == 2 }.map(\.offset)
        guard !severe.isEmpty else { return nil }
        let clear = Set(severe.filter { $0 < 7 }.map { kinds[$0] })
        let found = clear.isEmpty ? Set(severe.map { kinds[$0] }) : clear
        return found.count == 1 ? found.first : .multiple
    }
}
