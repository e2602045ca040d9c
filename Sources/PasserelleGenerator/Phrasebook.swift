import PasserelleCore

/// The sentences postings and CVs are written with, per language: hand-written short
/// templates (`{company}`, `{title}`, `{city}`, `{skill}`, `{years}` are filled in). ESCO
/// has English skill labels only, so skills appear in English in every language, as
/// they often do in real offers.
struct Phrasebook: Sendable {
    let intro: [String]
    let dutiesHeading: String
    let duties: [String]
    let profileHeading: String
    let experience: String
    let beginner: String
    let skillsLine: String
    let offerHeading: String
    let offers: [String]
    let remote: String
    let summary: String
    /// Degrees, the first for a bachelor's level, the second for a master's.
    let degrees: [String]
    /// Fields of study, indexed by ``fieldOfStudy(isco:)``.
    let fields: [String]
    /// Words that make company names look like their trade.
    let sectors: [String]
    /// Ends a title in postings of this language now and then, as job boards do.
    let titleSuffix: String?

    static func of(_ language: Language) -> Phrasebook {
        switch language {
        case .fr: french
        case .de: german
        case .es: spanish
        case .it: italian
        case .pt: portuguese
        case .en: english
        case .zh: chinese
        }
    }

    /// The field of study that leads to an occupation, by ISCO sub-major group: 0 business,
    /// 1 law, 2 engineering, 3 computer science, 4 medicine, 5 nursing, 6 education,
    /// 7 arts, 8 social sciences, 9 natural sciences, 10 hospitality, 11 technical trades,
    /// 12 agriculture.
    static func fieldOfStudy(isco: String) -> Int {
        switch isco.prefix(2) {
        case "11", "12", "24", "33", "41", "42", "43", "44", "52": 0
        case "26": isco.hasPrefix("261") ? 1 : 8
        case "13", "21", "31", "72", "74", "81", "82": 2
        case "25", "35": 3
        case "22": isco.hasPrefix("222") ? 5 : 4
        case "32", "53": 5
        case "23": 6
        case "34", "73": 7
        case "14", "51", "75", "94": 10
        case "61", "62", "92": 12
        default: isco.first == "2" ? 9 : 11
        }
    }

    /// Fills the `{name}` holes of `template`.
    static func fill(_ template: String, _ values: KeyValuePairs<String, String>) -> String {
        var text = template
        for (key, value) in values { text = text.replacingOccurrences(of: "{\(key)}", with: value) }
        return text
    }

    static let french = Phrasebook(
        intro: [
            "{company} recrute un·e {title} pour son site de {city}.",
            "Rejoignez {company} à {city} en tant que {title}.",
            "Dans le cadre de son développement, {company} recherche un·e {title} à {city}.",
        ],
        dutiesHeading: "Vos missions",
        duties: [
            "Vous mettrez en œuvre vos compétences en {skill} au quotidien.",
            "Vous interviendrez sur les sujets liés à {skill}.",
            "Vous serez le ou la référent·e de l'équipe pour {skill}.",
            "Vous participerez à l'amélioration continue en matière de {skill}.",
            "Vous assurerez le suivi des activités de {skill}.",
        ],
        profileHeading: "Votre profil",
        experience: "Vous justifiez d'au moins {years} ans d'expérience sur un poste similaire.",
        beginner: "Débutant·e accepté·e : vous serez formé·e par l'équipe.",
        skillsLine: "Compétences recherchées : {skills}.",
        offerHeading: "Ce que nous offrons",
        offers: [
            "Une équipe bienveillante et des projets variés.", "Tickets restaurant et mutuelle prise en charge.",
            "Un plan de formation personnalisé.", "Des possibilités d'évolution rapide.",
        ],
        remote: "Poste ouvert au télétravail complet depuis la France.",
        summary: "{title} avec {years} ans d'expérience, basé·e à {city}. Compétences : {skills}.",
        degrees: ["Licence", "Master"],
        fields: [
            "Gestion des entreprises", "Droit", "Ingénierie", "Informatique", "Médecine", "Soins infirmiers",
            "Sciences de l'éducation", "Arts appliqués", "Sciences sociales", "Sciences", "Hôtellerie-restauration",
            "Génie industriel", "Agronomie",
        ],
        sectors: [
            "Conseil", "Industries", "Logistique", "Technologies", "Services", "Santé", "Bâtiment", "Distribution",
        ],
        titleSuffix: " H/F")

    static let german = Phrasebook(
        intro: [
            "{company} sucht für den Standort {city} eine:n {title}.",
            "Verstärken Sie {company} in {city} als {title}.",
            "Zur Verstärkung unseres Teams in {city} sucht {company} eine:n {title}.",
        ],
        dutiesHeading: "Ihre Aufgaben",
        duties: [
            "Sie setzen Ihre Kenntnisse in {skill} täglich ein.",
            "Sie sind für alle Themen rund um {skill} verantwortlich.",
            "Sie sind Ansprechpartner:in des Teams für {skill}.",
            "Sie verbessern kontinuierlich unsere Prozesse im Bereich {skill}.",
            "Sie begleiten Projekte mit Schwerpunkt {skill}.",
        ],
        profileHeading: "Ihr Profil",
        experience: "Sie bringen mindestens {years} Jahre Berufserfahrung in einer vergleichbaren Position mit.",
        beginner: "Auch Berufseinsteiger:innen sind willkommen.",
        skillsLine: "Gesuchte Kenntnisse: {skills}.",
        offerHeading: "Wir bieten",
        offers: [
            "Ein kollegiales Team und abwechslungsreiche Aufgaben.", "Flexible Arbeitszeiten und 30 Tage Urlaub.",
            "Individuelle Weiterbildungsmöglichkeiten.", "Betriebliche Altersvorsorge.",
        ],
        remote: "Die Stelle ist vollständig remote innerhalb Deutschlands möglich.",
        summary: "{title} mit {years} Jahren Berufserfahrung in {city}. Kenntnisse: {skills}.",
        degrees: ["Bachelor", "Master"],
        fields: [
            "Betriebswirtschaftslehre", "Rechtswissenschaft", "Ingenieurwesen", "Informatik", "Medizin", "Pflege",
            "Erziehungswissenschaft", "Gestaltung", "Sozialwissenschaften", "Naturwissenschaften",
            "Hotel- und Gastronomiemanagement", "Technik", "Agrarwissenschaften",
        ],
        sectors: ["Beratung", "Industrie", "Logistik", "Technik", "Dienstleistungen", "Gesundheit", "Bau", "Handel"],
        titleSuffix: " (m/w/d)")

    static let spanish = Phrasebook(
        intro: [
            "{company} busca {title} para su centro de {city}.",
            "Únete a {company} en {city} como {title}.",
            "{company} incorpora {title} en {city}.",
        ],
        dutiesHeading: "Funciones",
        duties: [
            "Aplicarás tus conocimientos de {skill} en el día a día.",
            "Te encargarás de los temas relacionados con {skill}.",
            "Serás la persona de referencia del equipo en {skill}.",
            "Participarás en la mejora continua en materia de {skill}.",
            "Realizarás el seguimiento de las actividades de {skill}.",
        ],
        profileHeading: "Requisitos",
        experience: "Experiencia mínima de {years} años en un puesto similar.",
        beginner: "No se requiere experiencia previa: te formaremos.",
        skillsLine: "Conocimientos valorados: {skills}.",
        offerHeading: "Ofrecemos",
        offers: [
            "Un equipo cercano y proyectos variados.", "Seguro médico y retribución flexible.",
            "Plan de formación continua.", "Posibilidades reales de desarrollo.",
        ],
        remote: "Puesto en teletrabajo desde cualquier lugar de España.",
        summary: "{title} con {years} años de experiencia en {city}. Competencias: {skills}.",
        degrees: ["Grado", "Máster"],
        fields: [
            "Administración y Dirección de Empresas", "Derecho", "Ingeniería", "Informática", "Medicina", "Enfermería",
            "Magisterio", "Bellas Artes", "Ciencias Sociales", "Ciencias", "Turismo y Hostelería",
            "Formación Profesional Técnica", "Ingeniería Agronómica",
        ],
        sectors: [
            "Consultoría", "Industrias", "Logística", "Tecnología", "Servicios", "Salud", "Construcciones", "Comercial",
        ],
        titleSuffix: nil)

    static let italian = Phrasebook(
        intro: [
            "{company} cerca {title} per la sede di {city}.",
            "Entra in {company} a {city} come {title}.",
            "Per potenziare il team di {city}, {company} ricerca {title}.",
        ],
        dutiesHeading: "Responsabilità",
        duties: [
            "Applicherai ogni giorno le tue competenze in {skill}.",
            "Ti occuperai delle attività legate a {skill}.",
            "Sarai il punto di riferimento del team per {skill}.",
            "Contribuirai al miglioramento continuo in ambito {skill}.",
            "Seguirai i progetti relativi a {skill}.",
        ],
        profileHeading: "Requisiti",
        experience: "Almeno {years} anni di esperienza in un ruolo analogo.",
        beginner: "Anche prima esperienza: è prevista una formazione iniziale.",
        skillsLine: "Competenze richieste: {skills}.",
        offerHeading: "Offriamo",
        offers: [
            "Un ambiente dinamico e collaborativo.", "Buoni pasto e assistenza sanitaria integrativa.",
            "Percorsi di formazione dedicati.", "Concrete opportunità di crescita.",
        ],
        remote: "Posizione in smart working da tutta Italia.",
        summary: "{title} con {years} anni di esperienza a {city}. Competenze: {skills}.",
        degrees: ["Laurea triennale", "Laurea magistrale"],
        fields: [
            "Economia aziendale", "Giurisprudenza", "Ingegneria", "Informatica", "Medicina", "Infermieristica",
            "Scienze della formazione", "Belle Arti", "Scienze sociali", "Scienze naturali",
            "Scienze del turismo", "Istituto tecnico", "Scienze agrarie",
        ],
        sectors: [
            "Consulting", "Industrie", "Logistica", "Tecnologie", "Servizi", "Sanità", "Costruzioni", "Commerciale",
        ],
        titleSuffix: nil)

    static let portuguese = Phrasebook(
        intro: [
            "A {company} procura {title} para {city}.",
            "Junte-se à {company} em {city} como {title}.",
            "Para reforçar a equipa de {city}, a {company} recruta {title}.",
        ],
        dutiesHeading: "Funções",
        duties: [
            "Aplicará diariamente os seus conhecimentos de {skill}.",
            "Será responsável pelos temas relacionados com {skill}.",
            "Será a referência da equipa em {skill}.",
            "Participará na melhoria contínua na área de {skill}.",
            "Acompanhará as atividades de {skill}.",
        ],
        profileHeading: "Perfil",
        experience: "Experiência mínima de {years} anos em funções semelhantes.",
        beginner: "Não é necessária experiência: damos formação.",
        skillsLine: "Competências valorizadas: {skills}.",
        offerHeading: "Oferecemos",
        offers: [
            "Uma equipa próxima e projetos desafiantes.", "Seguro de saúde e subsídio de refeição.",
            "Plano de formação contínua.", "Oportunidades de progressão na carreira.",
        ],
        remote: "Função em teletrabalho a partir de Portugal.",
        summary: "{title} com {years} anos de experiência em {city}. Competências: {skills}.",
        degrees: ["Licenciatura", "Mestrado"],
        fields: [
            "Gestão", "Direito", "Engenharia", "Engenharia Informática", "Medicina", "Enfermagem",
            "Ciências da Educação", "Artes", "Ciências Sociais", "Ciências", "Turismo e Hotelaria",
            "Curso Técnico-Profissional", "Engenharia Agronómica",
        ],
        sectors: [
            "Consultoria", "Indústrias", "Logística", "Tecnologias", "Serviços", "Saúde", "Construções", "Comércio",
        ],
        titleSuffix: nil)

    static let english = Phrasebook(
        intro: [
            "{company} is hiring a {title} in {city}.",
            "Join {company} in {city} as a {title}.",
            "{company} is looking for a {title} to join its {city} team.",
        ],
        dutiesHeading: "What you will do",
        duties: [
            "Apply your {skill} skills every day.",
            "Own the topics related to {skill}.",
            "Be the team's go-to person for {skill}.",
            "Drive continuous improvement in {skill}.",
            "Follow up on {skill} activities across projects.",
        ],
        profileHeading: "About you",
        experience: "At least {years} years of experience in a similar role.",
        beginner: "No prior experience needed: full training is provided.",
        skillsLine: "Skills we look for: {skills}.",
        offerHeading: "What we offer",
        offers: [
            "A friendly team and varied projects.", "Private health insurance and a pension scheme.",
            "A personal training budget.", "Clear paths for career growth.",
        ],
        remote: "This role is fully remote within the country.",
        summary: "{title} with {years} years of experience, based in {city}. Skills: {skills}.",
        degrees: ["BSc", "MSc"],
        fields: [
            "Business Administration", "Law", "Engineering", "Computer Science", "Medicine", "Nursing", "Education",
            "Fine Arts", "Social Sciences", "Natural Sciences", "Hospitality Management", "Technology", "Agriculture",
        ],
        sectors: [
            "Consulting", "Industries", "Logistics", "Technologies", "Services", "Healthcare", "Construction", "Retail",
        ],
        titleSuffix: nil)

    static let chinese = Phrasebook(
        intro: [
            "{company}{city}分公司招聘{title}。",
            "欢迎加入{company}，担任{city}{title}。",
            "因业务发展需要，{company}诚聘{title}（工作地点：{city}）。",
        ],
        dutiesHeading: "岗位职责",
        duties: [
            "负责与{skill}相关的日常工作。",
            "运用{skill}方面的专业知识支持团队。",
            "作为团队在{skill}方面的主要联系人。",
            "持续改进{skill}相关流程。",
            "跟进{skill}相关项目的进展。",
        ],
        profileHeading: "任职要求",
        experience: "{years}年以上相关工作经验。",
        beginner: "欢迎应届毕业生，公司提供岗前培训。",
        skillsLine: "所需技能：{skills}。",
        offerHeading: "福利待遇",
        offers: ["五险一金。", "带薪年假、节日福利。", "完善的培训体系。", "广阔的晋升空间。"],
        remote: "本职位支持全职远程办公（限中国境内）。",
        summary: "{title}，{years}年工作经验，现居{city}。技能：{skills}。",
        degrees: ["学士", "硕士"],
        fields: [
            "工商管理", "法学", "工程", "计算机科学与技术", "临床医学", "护理学", "教育学", "艺术设计", "社会学", "理学",
            "酒店管理", "机电技术", "农学",
        ],
        sectors: ["科技", "实业", "物流", "信息技术", "商务服务", "医疗", "建设", "贸易"],
        titleSuffix: nil)
}
