import LumbungDomain

/// Enrols families in programmes with realistic targeting errors: most eligible families are reached,
/// some are reached by nothing, a few better-off families are reached, and some families get the same
/// kind of aid from two agencies.
enum ProgramAssignment {
    /// Whether the village takes part in the provincial Desa Berdaya programme (about one in ten).
    static func isDesaBerdayaVillage(_ random: inout SynthRandom) -> Bool {
        random.chance(0.1)
    }

    /// The chance that a family is offered `program` (a first release's enrolment), given the programmes `chosen` before
    /// it in `ProgramCatalog.all` order; `nil` where the family is not considered at all (no random draw).
    static func rate(of program: ProgramCatalog.Program, desil: Int, hasDependants: Bool, desaBerdaya: Bool,
                     chosen: [ProgramCatalog.Program]) -> Double? {
        switch program.code {
        case ProgramCatalog.pkh.code:
            switch desil {
            case 1...2: hasDependants ? 0.72 : 0.05
            case 6...10: 0.01
            default: 0.08
            }
        case ProgramCatalog.bpnt.code:
            switch desil {
            case 1...3: 0.66
            case 4: 0.3
            case 6...10: 0.02
            default: 0.08
            }
        case ProgramCatalog.pbi.code:
            switch desil {
            case 1...4: 0.8
            case 6...10: 0.05
            default: 0.3
            }
        case ProgramCatalog.bltDD.code:
            desil == 1 && !chosen.contains(ProgramCatalog.pkh) && !chosen.contains(ProgramCatalog.bpnt) ? 0.55 : nil
        case ProgramCatalog.desaBerdaya.code: desil <= 2 && desaBerdaya ? 0.6 : nil
        case ProgramCatalog.sembakoPemda.code: chosen.contains(ProgramCatalog.bpnt) ? 0.03 : nil
        case ProgramCatalog.zakat.code: desil <= 2 ? 0.05 : nil
        case ProgramCatalog.ngoFood.code: desil <= 3 ? 0.04 : nil
        default: nil
        }
    }

    /// One row per family programme (through the head, member 0) and one per member for a per-person programme.
    static func enrollments(_ programs: [ProgramCatalog.Program], memberCount: Int) -> [Enrollment] {
        programs.flatMap { program in
            program.perPerson
                ? (0..<memberCount).map { Enrollment(program: program, memberIndex: $0) }
                : [Enrollment(program: program, memberIndex: 0)]
        }
    }

    /// Whether the family has a child, an elderly, a pregnant or a disabled member (PKH's conditions).
    static func hasDependants(_ family: SynthFamily, asOf: CalendarDate) -> Bool {
        family.members.contains { person in
            let age = person.age(on: asOf) ?? 30
            return age < 18 || age >= 60 || person.pregnant || person.disability != nil
        }
    }

    static func enroll(_ family: inout SynthFamily, asOf: CalendarDate, desaBerdaya: Bool, random: inout SynthRandom) {
        let desil = family.desil
        let hasDependants = hasDependants(family, asOf: asOf)
        var programs: [ProgramCatalog.Program] = []
        for program in ProgramCatalog.all {
            guard let probability = rate(of: program, desil: desil, hasDependants: hasDependants, desaBerdaya: desaBerdaya,
                                         chosen: programs) else { continue }
            if random.chance(probability) { programs.append(program) }
        }
        family.enrollments = enrollments(programs, memberCount: family.members.count)
        // Health insurance follows the enrolments: PBI members are insured by the state.
        let pbi = programs.contains(ProgramCatalog.pbi)
        for index in family.members.indices {
            var insurance: HealthInsurance = []
            if pbi {
                insurance.insert(.pbi)
            } else if random.chance(0.25 + 0.45 * (1 - family.poverty)) {
                insurance.insert(random.chance(0.6) ? .selfPaid : .employer)
            }
            family.members[index].healthInsurance = insurance
        }
    }
}
