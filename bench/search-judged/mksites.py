#!/usr/bin/env python3
"""Writes the judged test corpus: one small Agora site per language
(sites/LANG/), hand-written pages in that language, from the texts
below. Run by bench/search-quality.sh; the sites are not kept in Git.

  mksites.py OUTDIR
"""
import os, sys

SITES = {}

SITES["en"] = ("Riverside Learning Network", {
  "pages/member-survey-2025": ("Member survey 2025",
    "Every spring the network runs a survey of its members. This year the survey asked about "
    "training needs, safety at work and the money each organization raised. Forty-two "
    "organizations answered; the survey closed in April."),
  "pages/regional-gathering": ("The regional gathering",
    "Once a year members meet at the regional gathering. The gathering lasts three days: one "
    "day of visits to host organizations, one of workshops and one of open discussion. The "
    "host changes every year."),
  "pages/workshop-evaluation": ("How we run workshop evaluation",
    "Evaluation starts before the workshop. We ask participants what they expect, and we "
    "keep evaluating during the sessions with short feedback rounds. The final evaluation "
    "form is one page long."),
  "pages/facilitation-guide": ("A short guide to facilitation",
    "Good facilitation keeps a meeting moving without taking sides. The facilitator opens "
    "with a round of names, agrees the agenda with the group and watches the time."),
  "pages/digital-safety-plan": ("Digital safety plan",
    "Use long passwords and a password manager. Turn on two-step login for the shared "
    "mailbox. Phones that carry member lists are encrypted, and lost phones are reported "
    "the same day."),
  "pages/quarterly-report": ("Quarterly budget report",
    "The treasurer publishes a short report every quarter: money received, money spent and "
    "what is left in the solidarity fund. Members can ask questions at the next meeting."),
  "pages/welcoming-volunteers": ("Welcoming new volunteers",
    "Each new volunteer is paired with a mentor for the first three months. Volunteers "
    "read the code of conduct and sign the privacy promise before they see member files."),
  "pages/water-committees": ("Water committees in small towns",
    "Town water committees manage wells and pumps. When two neighbourhoods disagree about "
    "pumping hours, the committee invites a mediator from the network."),
  "topics/grant-writing": ("Grant writing",
    "How to write applications to donors.", ["proposal writing", "funding proposals"]),
  "members/river-valley-collective": ("River Valley Collective",
    "A collective of farmers and teachers that runs literacy classes in three villages."),
})

SITES["es"] = ("Red de Aprendizaje del Desierto", {
  "pages/encuesta-organizaciones": ("Encuesta a las organizaciones",
    "Cada año la red aplica una encuesta a sus organizaciones miembro. La encuesta de este "
    "año preguntó por las necesidades de capacitación, la seguridad y el dinero recaudado."),
  "pages/relatoria-rotativa": ("Relatoría rotativa",
    "En cada sesión una organización distinta escribe la relatoría. La relatora rotativa "
    "envía las minutas en un plazo de siete días."),
  "pages/evaluacion-talleres": ("Evaluación de los talleres",
    "La evaluación empieza antes del taller: preguntamos qué esperan las participantes. "
    "Al final evaluamos juntas lo aprendido con una hoja sencilla."),
  "pages/mediacion-agua": ("Mediación comunitaria en conflictos por agua",
    "Cuando dos colonias no se ponen de acuerdo sobre los horarios de tandeo, la red ofrece "
    "una mediación. Primero escuchamos a cada parte por separado."),
  "pages/presupuesto-participativo": ("Presupuesto participativo",
    "Las vecinas deciden en asamblea cómo usar una parte del presupuesto del comité. Cada "
    "propuesta se vota a mano alzada."),
  "pages/seguridad-digital": ("Seguridad digital para promotoras",
    "Usamos contraseñas largas y un gestor de contraseñas. Los teléfonos con listas de "
    "miembros van cifrados y la pérdida de un teléfono se avisa el mismo día."),
  "pages/comites-agua": ("Comités de agua",
    "Los comités de agua administran los pozos y las bombas de cada colonia. Rinden cuentas "
    "cada mes en asamblea."),
  "pages/capacitacion-voluntarias": ("Capacitación de voluntarias",
    "Cada voluntaria nueva recibe una capacitación de dos días y trabaja con una mentora "
    "durante tres meses."),
  "topics/facilitacion": ("Facilitación",
    "Conducir reuniones para que todas las voces cuenten.", ["moderación"]),
  "members/colectivo-tierra-nueva": ("Colectivo Tierra Nueva",
    "Colectivo de agricultoras que da talleres de huertos escolares en Caborca."),
})

SITES["fr"] = ("Réseau d’apprentissage du Sahel", {
  "pages/enquete-membres": ("Enquête auprès des membres",
    "Chaque année, le réseau mène une enquête auprès de ses membres. L’enquête de cette année "
    "portait sur les besoins de formation, la sécurité et les fonds collectés."),
  "pages/evaluation-ateliers": ("Évaluation des ateliers",
    "L’évaluation commence avant l’atelier : nous demandons aux participants ce qu’ils "
    "attendent. À la fin, chacun évalue ce qu’il a appris sur une fiche simple."),
  "pages/mediation-fonciere": ("Médiation dans les conflits fonciers",
    "Quand deux villages se disputent un champ, le réseau propose une médiation. Le "
    "médiateur écoute d’abord chaque partie séparément."),
  "pages/rapporteur-tournant": ("Rapporteur tournant",
    "À chaque séance, une organisation différente tient le compte rendu. La rapporteuse "
    "envoie le compte rendu dans les sept jours."),
  "pages/budget-participatif": ("Budget participatif",
    "Les habitants décident en assemblée de l’usage d’une partie du budget communal. Chaque "
    "proposition est votée à main levée."),
  "pages/securite-numerique": ("Sécurité numérique",
    "Nous utilisons des mots de passe longs et un gestionnaire de mots de passe. Les "
    "téléphones qui contiennent des listes de membres sont chiffrés."),
  "pages/formation-benevoles": ("Formation des bénévoles",
    "Chaque nouveau bénévole suit une formation de deux jours, puis travaille trois mois "
    "avec un parrain."),
  "pages/reunion-mensuelle": ("La réunion mensuelle",
    "La réunion mensuelle a lieu le premier mardi du mois. L’ordre du jour est envoyé une "
    "semaine avant."),
  "topics/plaidoyer": ("Plaidoyer",
    "Faire entendre la voix des membres auprès des autorités.", ["lobbying"]),
  "members/cooperative-des-femmes-de-kaya": ("Coopérative des femmes de Kaya",
    "Coopérative de productrices de beurre de karité qui forme ses membres à la gestion."),
})

SITES["mn"] = ("Талын суралцах сүлжээ", {
  "pages/gishuudiin-sudalgaa": ("Гишүүдийн судалгаа",
    "Жил бүр сүлжээ гишүүдийнхээ дунд судалгаа явуулдаг. Энэ жилийн судалгаагаар "
    "сургалтын хэрэгцээ, аюулгүй байдал, санхүүжилтийн талаар асуусан."),
  "pages/surgaltyn-unelgee": ("Сургалтын үнэлгээ",
    "Үнэлгээ сургалт эхлэхээс өмнө эхэлдэг. Оролцогчдоос юу хүлээж байгааг асууна. "
    "Сургалтын төгсгөлд богино үнэлгээ бөглөнө."),
  "pages/belcheeriin-margaan": ("Бэлчээрийн маргааныг эвлэрүүлэн зуучлах",
    "Хоёр айлын малчид нэг бэлчээрийн төлөө маргалдвал сүлжээ эвлэрүүлэн зуучлагч "
    "илгээдэг. Зуучлагч талуудыг тус тусад нь сонсоно."),
  "pages/tusviin-il-tod": ("Төсвийн ил тод байдал",
    "Нярав улирал бүр төсвийн гүйцэтгэлийг гишүүдэд тайлагнадаг. Тайланд орлого, зарлага, "
    "сангийн үлдэгдэл багтана."),
  "pages/sain-duryn-ajiltnuud": ("Сайн дурын ажилтнууд",
    "Шинэ сайн дурын ажилтнууд эхний гурван сард туршлагатай зөвлөгчтэй хамт ажилладаг. "
    "Тэд ёс зүйн дүрэмтэй танилцаж гарын үсэг зурна."),
  "pages/khurlyn-temdeglel": ("Хурлын тэмдэглэл хөтлөх журам",
    "Хурал бүрийн тэмдэглэлийг нэг гишүүн хөтөлнө. Тэмдэглэл долоо хоногийн дотор "
    "гишүүдэд хүрнэ."),
  "pages/malchdyn-khorshoo": ("Малчдын хоршоо",
    "Манай хоршоо ноос, ноолуурыг хамтдаа борлуулдаг. Хоршоодын хурал жилд хоёр удаа "
    "болдог."),
  "pages/tsakhim-ayulgui": ("Цахим аюулгүй байдал",
    "Урт нууц үг ашиглаж, утсаа шифрлэнэ. Гишүүдийн жагсаалттай утас алдагдвал тэр "
    "өдөртөө мэдэгдэнэ."),
  "topics/zuuchlal": ("Эвлэрүүлэн зуучлал",
    "Маргааныг шүүхээс гадуур шийдвэрлэх арга.", ["медиаци"]),
  "members/altain-eemeguud": ("Алтайн урчууд",
    "Баян-Өлгий аймгийн эсгий урлагч эмэгтэйчүүдийн нэгдэл."),
})

SITES["km"] = ("បណ្តាញសិក្សាទន្លេមេគង្គ", {
  "pages/member-survey": ("ការស្ទង់មតិសមាជិក",
    "បណ្តាញរបស់យើងធ្វើការស្ទង់មតិសមាជិកជារៀងរាល់ឆ្នាំ។ ការស្ទង់មតិឆ្នាំនេះបានសួរអំពី"
    "តម្រូវការបណ្តុះបណ្តាល សុវត្ថិភាព និងមូលនិធិ។"),
  "pages/training-evaluation": ("ការវាយតម្លៃវគ្គបណ្តុះបណ្តាល",
    "យើងវាយតម្លៃវគ្គបណ្តុះបណ្តាលនីមួយៗនៅថ្ងៃចុងក្រោយ។ អ្នកចូលរួមបំពេញទម្រង់ខ្លីមួយ។"),
  "pages/land-dispute-mediation": ("ការសម្រុះសម្រួលជម្លោះដីធ្លី",
    "នៅពេលភូមិពីរមានជម្លោះដីធ្លី បណ្តាញបញ្ជូនអ្នកសម្រុះសម្រួលម្នាក់ទៅជួយ។ "
    "អ្នកសម្រុះសម្រួលស្តាប់ភាគីនីមួយៗដោយឡែកពីគ្នា។"),
  "pages/participatory-budget": ("ថវិកាប្រកបដោយការចូលរួម",
    "ប្រជាពលរដ្ឋសម្រេចចិត្តក្នុងកិច្ចប្រជុំពីរបៀបប្រើថវិកាឃុំមួយផ្នែក។"),
  "pages/digital-security": ("សន្តិសុខឌីជីថល",
    "យើងប្រើពាក្យសម្ងាត់វែងៗ ហើយទូរស័ព្ទដែលមានបញ្ជីសមាជិកត្រូវតែចាក់សោ។"),
  "pages/volunteers": ("អ្នកស្ម័គ្រចិត្ត",
    "អ្នកស្ម័គ្រចិត្តថ្មីធ្វើការជាមួយអ្នកណែនាំរយៈពេលបីខែ។"),
  "pages/meeting-minutes": ("កំណត់ហេតុប្រជុំ",
    "សមាជិកម្នាក់សរសេរកំណត់ហេតុប្រជុំនីមួយៗ ហើយផ្ញើទៅសមាជិកទាំងអស់ក្នុងរយៈពេលប្រាំពីរថ្ងៃ។"),
  "pages/fishing-community": ("សហគមន៍នេសាទ",
    "សហគមន៍នេសាទនៅបឹងទន្លេសាបការពារព្រៃលិចទឹក និងរៀបចំការល្បាតរួមគ្នា។"),
  "topics/youth": ("យុវជន",
    "ការចូលរួមរបស់យុវជនក្នុងសហគមន៍។", ["ក្មេងជំទង់"]),
  "members/kampong-chhnang-weavers": ("ក្រុមតម្បាញកំពង់ឆ្នាំង",
    "ក្រុមស្ត្រីតម្បាញសូត្រដែលបង្រៀនជំនាញដល់យុវជន។"),
})


def q(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def main(out):
    for lang, (title, entries) in SITES.items():
        root = os.path.join(out, lang)
        os.makedirs(root, exist_ok=True)
        with open(os.path.join(root, "site.toml"), "w") as f:
            f.write(f'title = {q(title)}\nbase_url = "https://example.org/{lang}/"\nlanguage = "{lang}"\n')
        for path, e in entries.items():
            folder, slug = path.split("/")
            os.makedirs(os.path.join(root, "content", folder), exist_ok=True)
            with open(os.path.join(root, "content", folder, slug + ".md"), "w") as f:
                if folder == "pages":
                    f.write(f"+++\ntitle = {q(e[0])}\n+++\n\n{e[1]}\n")
                elif folder == "topics":
                    aliases = ", ".join(q(a) for a in e[2])
                    f.write(f"+++\nname = {q(e[0])}\ndefinition = {q(e[1])}\naliases = [{aliases}]\n+++\n")
                else:
                    f.write(f'+++\nname = {q(e[0])}\nkind = "organization"\n+++\n\n{e[1]}\n')


if __name__ == "__main__":
    main(sys.argv[1])
