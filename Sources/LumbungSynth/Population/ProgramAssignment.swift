import LumbungDomain

/// Enrols families in programmes with realistic targeting errors: most eligible families are reached,
/// some are reached by nothing, a few better-off families are reached, and some families get the same
/// kind of aid from two agencies.
enum ProgramAssignment {
    /// Whether the village takes part in the provincial Desa Berdaya programme (about one in ten).
    static func isDesaBerdayaVillage(_ random: inout SynthRandom) -> Bool {
        random.chance(0.1)
    }

    static func enroll(_ family: inout SynthFamily, asOf: CalendarDate, desaBerdaya: Bool, random: inout SynthRandom) {
        let desil = family.desil
        let hasDependants = family.members.contains { person in
            let age = person.age(on: asOf) ?? 30
            return age < 18 || age >= 60 || person.pregnant || person.disability != nil
        }
        var programs: [ProgramCatalog.Program] = []
        func offer(_ program: ProgramCatalog.Program, _ probability: Double) {
            if random.chance(probability) { programs.append(program) }
        }
        switch desil {
        case 1...2: offer(ProgramCatalog.pkh, hasDependants ? 0.72 : 0.05)
        case 6...10: offer(ProgramCatalog.pkh, 0.01)
        default: offer(ProgramCatalog.pkh, 0.08)
        }
        switch desil {
        case 1...3: offer(ProgramCatalog.bpnt, 0.66)
        case 4: offer(ProgramCatalog.bpnt, 0.3)
        case 6...10: offer(ProgramCatalog.bpnt, 0.02)
        default: offer(ProgramCatalog.bpnt, 0.08)
        }
        switch desil {
        case 1...4: offer(ProgramCatalog.pbi, 0.8)
        case 6...10: offer(ProgramCatalog.pbi, 0.05)
        default: offer(ProgramCatalog.pbi, 0.3)
        }
        let nationalCash = programs.contains(ProgramCatalog.pkh) || programs.contains(ProgramCatalog.bpnt)
        if desil == 1 && !nationalCash { offer(ProgramCatalog.bltDD, 0.55) }
        if desil <= 2 && desaBerdaya { offer(ProgramCatalog.desaBerdaya, 0.6) }
        if programs.contains(ProgramCatalog.bpnt) { offer(ProgramCatalog.sembakoPemda, 0.03) }
        if desil <= 2 { offer(ProgramCatalog.zakat, 0.05) }
        if desil <= 3 { offer(ProgramCatalog.ngoFood, 0.04) }

        family.enrollments = programs.flatMap { program in
            program.perPerson
                ? family.members.indices.map { Enrollment(program: program, memberIndex: $0) }
                : [Enrollment(program: program, memberIndex: 0)]
        }
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
