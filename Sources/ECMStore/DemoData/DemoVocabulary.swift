/// Names and phrases for demo data, shaped after a California Medi-Cal ECM caseload.
enum DemoVocabulary {
    static let careTeam = [
        "Maria Hernández", "Tuan Pham", "Grace Liu", "Jasmine Reyes", "Anahit Petrosyan",
        "Ji-woo Park", "David Okafor", "Sarah Thompson", "Luis Ramírez", "Mai Trần", "Kevin Chen",
        "Rosa Villanueva",
    ]

    /// Given names and family names by language community, romanized with their accents, and
    /// some written in their own script.
    static let communities: [(given: [String], family: [String])] = [
        (["José", "María", "Guadalupe", "Jesús", "Ramón", "Sofía", "Inés", "Ángel", "Lucía", "Raúl"],
         ["Núñez", "García", "Hernández", "López", "Martínez", "Peña", "Gutiérrez", "Ramírez", "Muñoz", "Ibáñez"]),
        (["Nguyễn Thị", "Trần Văn", "Lê Thị", "Phạm Minh", "Huỳnh Đức", "Võ Thị", "Đặng Quốc"],
         ["Hoa", "Hùng", "Lan", "Tuấn", "Phương", "Dũng", "Thảo"]),
        (["Wei", "Mei-Ling", "Jun", "Xiu Ying", "Hao", "Li Na"],
         ["Chen", "Wang", "Zhang", "Liu", "Huang", "Lin"]),
        (["Maria Cristina", "Jose Rizal", "Rosario", "Ligaya", "Danilo", "Marites"],
         ["dela Cruz", "Santos", "Reyes", "Bautista", "Villanueva", "Mendoza"]),
        (["Aram", "Anahit", "Gor", "Lusine", "Tigran", "Nare"],
         ["Hovhannisyan", "Petrosyan", "Sargsyan", "Grigoryan", "Avetisyan", "Khachatryan"]),
        (["Min-jun", "Seo-yeon", "Ji-ho", "Eun-ji", "Dong-hyun", "Hye-jin"],
         ["Kim", "Lee", "Park", "Choi", "Jung", "Kang"]),
    ]

    /// Names written in their own script (family name first, as written).
    static let nativeScriptNames = [
        "王秀英", "李伟", "张丽华", "陈志明", "김민준", "이서연", "박지호", "최은지",
        "Արամ Հովհաննիսյան", "Լուսինե Պետրոսյան", "Nguyễn Văn Đức", "Trần Thị Ngọc Ánh",
    ]

    static let taskMessages = [
        "Follow up with patient about medication",
        "Schedule follow-up appointment with primary care",
        "Confirm transportation for cardiology appointment",
        "Help patient complete CalFresh application",
        "Request discharge summary from hospital",
        "Call pharmacy about prior authorization",
        "Arrange interpreter for next visit",
        "Check housing voucher application status",
        "Update care plan after ER visit",
        "Coordinate durable medical equipment delivery",
        "Verify Medi-Cal redetermination paperwork",
        "Connect patient with behavioral health provider",
        "Schedule dental screening",
        "Review lab results with care team",
    ]

    static let subtaskMessages = [
        "Call patient to confirm appointment time",
        "Fax referral to specialist",
        "Send reminder text the day before",
        "Upload signed consent form",
        "Confirm pickup address with transport vendor",
    ]

    static let subjects = [
        "Medication Follow-up", "Progress Note", "Care Plan Update", "Monthly Check-in",
        "Housing Navigation", "Benefits Enrollment", "Post-discharge Call", "Transportation",
        "Appointment Reminder", "Behavioral Health Referral",
    ]

    static let noteBodies = [
        "Patient reported feeling better after starting new medication. Will continue monitoring progress.",
        "Met with patient and daughter. Patient prefers morning appointments and Spanish-speaking providers.",
        "Patient missed last two appointments; transportation was the barrier. Arranged rides through the plan.",
        "Housing case manager confirmed the voucher interview for next week.",
        "Reviewed discharge instructions line by line; patient repeated back the medication schedule.",
        "Patient is food insecure this month. Referred to the county food bank and CalFresh.",
    ]

    static let smsBodies = [
        "Hi, this is your care coordinator. Reminder: appointment tomorrow at 10am.",
        "Recordatorio: su cita es mañana a las 10am. Responda SÍ para confirmar.",
        "Nhắc nhở: cuộc hẹn của bạn vào ngày mai lúc 10 giờ sáng.",
        "Thanks! See you then.",
        "Can you call me back when you have a minute?",
    ]

    static let emailBodies = [
        "Dear family,\n\nWe wanted to update you on the care plan we discussed on our last visit.\n\nBest regards,\nYour care team",
        "Hello,\n\nAttached is the appointment confirmation and the clinic's address.\n\nThank you",
    ]

    static let visitBodies = [
        "Monthly in-person check-in with patient and family",
        "Home visit to review medications and fall risks",
        "Accompany patient to housing authority appointment",
    ]

    static let comments = [
        "Called patient, no answer", "Left voicemail", "Patient confirmed", "Rescheduled to next week",
        "Waiting on the clinic to call back", "Done — see note", "Interpreter booked",
        "Spoke with daughter; she will bring the documents", "Escalated to supervisor",
        "Pharmacy says PA approved",
    ]
}

extension DemoVocabulary {
    static let streets = ["Main St", "Broadway", "Mission St", "Alvarado St", "Fresno St", "J St", "Grand Ave", "Olive Ave", "El Camino Real"]
    static let cities: [(String, String)] = [
        ("Los Angeles", "90012"), ("Glendale", "91205"), ("Fresno", "93721"), ("Sacramento", "95814"), ("Oakland", "94607"),
        ("San Diego", "92101"), ("San Francisco", "94103"), ("Bakersfield", "93301"),
    ]
    static let healthPlans: [(String, String)] = [
        ("L.A. Care Health Plan", "LAC"), ("Health Net", "HN"), ("Anthem Blue Cross", "ABC"), ("Partnership HealthPlan of California", "PHC"),
        ("Kaiser Permanente", "KP"),
    ]
    static let populationsOfFocus = [
        "Adults at Risk for Avoidable Hospital or ED Utilization", "Adults with Serious Mental Health and/or SUD Needs",
        "Adults Transitioning from Incarceration", "Adults Living in the Community at Risk for LTC Institutionalization",
        "Birth Equity Population",
    ]
    static let discontinuationReasons = [
        "Member met care plan goals", "Member moved out of county", "Member unreachable", "Member chose to end ECM",
    ]
}
