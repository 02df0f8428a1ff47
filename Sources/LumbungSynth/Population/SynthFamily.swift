import LumbungDomain

/// One generated family: the household record, its members, and what the generator knows beyond
/// the files (the latent welfare that drove every draw, programme enrolments).
struct SynthFamily: Sendable {
    var household: Household
    var members: [Person]
    /// Position of the family in its village, from 1: part of P3KE's family id.
    var ordinal: Int
    /// 0 for the best-off to 1 for the poorest.
    var poverty: Double
    var enrollments: [Enrollment] = []
    /// Members who died in the year before this release (release N ≥ 2): layouts with a status column list them as dead.
    var deceased: [Person] = []

    var desil: Int { household.desil ?? 10 }
    var head: Person { members[0] }
}

/// A programme a family or person receives.
struct Enrollment: Sendable, Hashable {
    let program: ProgramCatalog.Program
    /// The member who receives it: the head for family programmes, each member for PBI-JK.
    let memberIndex: Int
}
