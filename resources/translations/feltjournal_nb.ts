<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="nb_NO">
<context>
    <name>AccessLog</name>
    <message>
        <source>the participant&apos;s details</source>
        <translation>deltakerens opplysninger</translation>
    </message>
    <message>
        <source>a referral</source>
        <translation>en henvisning</translation>
    </message>
    <message>
        <source>an episode</source>
        <translation>et forløp</translation>
    </message>
    <message>
        <source>a consent</source>
        <translation>et samtykke</translation>
    </message>
    <message>
        <source>a disclosure plan</source>
        <translation>en åpenhetsplan</translation>
    </message>
    <message>
        <source>the career profile</source>
        <translation>karriereprofilen</translation>
    </message>
    <message>
        <source>the job-search plan</source>
        <translation>jobbsøkingsplanen</translation>
    </message>
    <message>
        <source>a goal</source>
        <translation>et mål</translation>
    </message>
    <message>
        <source>an action</source>
        <translation>et steg</translation>
    </message>
    <message>
        <source>a case note</source>
        <translation>et notat</translation>
    </message>
    <message>
        <source>a therapy session</source>
        <translation>en terapisamtale</translation>
    </message>
    <message>
        <source>an addendum</source>
        <translation>et tillegg</translation>
    </message>
    <message>
        <source>a CBT worksheet</source>
        <translation>et CBT-skjema</translation>
    </message>
    <message>
        <source>an exposure plan</source>
        <translation>en eksponeringsplan</translation>
    </message>
    <message>
        <source>an employer</source>
        <translation>en arbeidsgiver</translation>
    </message>
    <message>
        <source>a contact person</source>
        <translation>en kontaktperson</translation>
    </message>
    <message>
        <source>an employer contact</source>
        <translation>en arbeidsgiverkontakt</translation>
    </message>
    <message>
        <source>an employer contact (job development)</source>
        <translation>en arbeidsgiverkontakt (jobbutvikling)</translation>
    </message>
    <message>
        <source>an activity</source>
        <translation>en aktivitet</translation>
    </message>
    <message>
        <source>a collaboration meeting</source>
        <translation>et samarbeidsmøte</translation>
    </message>
    <message>
        <source>a job</source>
        <translation>en jobb</translation>
    </message>
    <message>
        <source>a follow-along contact</source>
        <translation>en oppfølgingskontakt</translation>
    </message>
    <message>
        <source>a self assessment</source>
        <translation>en egenvurdering</translation>
    </message>
    <message>
        <source>the six-month outcome</source>
        <translation>status etter seks måneder</translation>
    </message>
    <message>
        <source>a job specialist&apos;s FTE</source>
        <translation>en jobbspesialists stillingsandel</translation>
    </message>
    <message>
        <source>the team&apos;s settings</source>
        <translation>teamets innstillinger</translation>
    </message>
    <message>
        <source>a fidelity review</source>
        <translation>en vurdering av modelltrofasthet</translation>
    </message>
    <message>
        <source>a record that is no longer here</source>
        <translation>en post som ikke lenger finnes her</translation>
    </message>
    <message>
        <source>%1 created %2.</source>
        <translation>%1 opprettet %2.</translation>
    </message>
    <message>
        <source>%1 read %2.</source>
        <translation>%1 leste %2.</translation>
    </message>
    <message>
        <source>%1 saw %2 in a search.</source>
        <translation>%1 så %2 i et søk.</translation>
    </message>
    <message>
        <source>%1 changed %2.</source>
        <translation>%1 endret %2.</translation>
    </message>
    <message>
        <source>%1 deleted %2.</source>
        <translation>%1 slettet %2.</translation>
    </message>
    <message>
        <source>%1 restored %2.</source>
        <translation>%1 gjenopprettet %2.</translation>
    </message>
    <message>
        <source>%1 erased %2 for good.</source>
        <translation>%1 slettet %2 for godt.</translation>
    </message>
    <message>
        <source>%1 exported %2.</source>
        <translation>%1 eksporterte %2.</translation>
    </message>
    <message>
        <source>%1 exported this access log.</source>
        <translation>%1 eksporterte denne tilgangsloggen.</translation>
    </message>
    <message>
        <source>%1 shared the key to the clinical records with another computer.</source>
        <translation>%1 delte nøkkelen til behandlingsjournalen med en annen maskin.</translation>
    </message>
    <message>
        <source>%1 printed %2.</source>
        <translation>%1 skrev ut %2.</translation>
    </message>
    <message>
        <source>%1 printed a meeting summary.</source>
        <translation>%1 skrev ut en møteoppsummering.</translation>
    </message>
    <message>
        <source>%1 imported %2.</source>
        <translation>%1 importerte %2.</translation>
    </message>
    <message>
        <source>%1 found %2 damaged: it failed its integrity check.</source>
        <translation>%1 fant %2 skadet: integritetskontrollen slo feil.</translation>
    </message>
    <message>
        <source>%1 could not open %2: the computer lacks its key.</source>
        <translation>%1 kunne ikke åpne %2: maskinen mangler nøkkelen.</translation>
    </message>
    <message>
        <source>%1 handled %2.</source>
        <translation>%1 behandlet %2.</translation>
    </message>
    <message>
        <source>Someone</source>
        <translation>Noen</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Når</translation>
    </message>
    <message>
        <source>What happened</source>
        <translation>Hva som ble gjort</translation>
    </message>
</context>
<context>
    <name>AccessLogDialog</name>
    <message>
        <source>Access log</source>
        <translation>Tilgangslogg</translation>
    </message>
    <message>
        <source>Everyone who has read, changed, printed or exported this participant&apos;s records on this computer, newest first. The participant has the right to see it.</source>
        <translation>Alle som har lest, endret, skrevet ut eller eksportert opplysninger om denne deltakeren på denne datamaskinen, nyeste først. Deltakeren har rett til innsyn i loggen.</translation>
    </message>
    <message>
        <source>Access log entries</source>
        <translation>Hendelser i tilgangsloggen</translation>
    </message>
    <message>
        <source>&amp;Export CSV…</source>
        <translation>&amp;Eksporter CSV…</translation>
    </message>
    <message>
        <source>Export the access log as CSV</source>
        <translation>Eksporter tilgangsloggen som CSV</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Laster inn…</translation>
    </message>
    <message numerus="yes">
        <source>%n entry(ies)</source>
        <translation>
            <numerusform>%n hendelse</numerusform>
            <numerusform>%n hendelser</numerusform>
        </translation>
    </message>
    <message>
        <source>Export access log</source>
        <translation>Eksporter tilgangslogg</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV-filer (*.csv)</translation>
    </message>
    <message>
        <source>The file could not be written.</source>
        <translation>Filen kunne ikke lagres.</translation>
    </message>
    <message>
        <source>Saved to %1.</source>
        <translation>Lagret i %1.</translation>
    </message>
</context>
<context>
    <name>AgendaPanel</name>
    <message>
        <source>Employer visit</source>
        <translation>Arbeidsgiverbesøk</translation>
    </message>
    <message>
        <source>Next step with employer</source>
        <translation>Neste steg med arbeidsgiver</translation>
    </message>
    <message>
        <source>Collaboration meeting</source>
        <translation>Samarbeidsmøte</translation>
    </message>
    <message>
        <source>Follow-along contact</source>
        <translation>Oppfølging i jobb</translation>
    </message>
    <message>
        <source>Talk about disclosure again (day 60)</source>
        <translation>Snakke om åpenhet igjen (dag 60)</translation>
    </message>
    <message>
        <source>Benefits counselling before the job start</source>
        <translation>Ytelsesveiledning før jobbstart</translation>
    </message>
    <message>
        <source>Record the six-month outcome</source>
        <translation>Registrere status etter seks måneder</translation>
    </message>
    <message>
        <source>Therapy session</source>
        <translation>Behandlingstime</translation>
    </message>
    <message>
        <source>before the start</source>
        <translation>før start</translation>
    </message>
    <message>
        <source>after the start</source>
        <translation>etter start</translation>
    </message>
    <message>
        <source>after the job ended</source>
        <translation>etter at jobben sluttet</translation>
    </message>
    <message>
        <source>week %1</source>
        <translation>uke %1</translation>
    </message>
    <message>
        <source>month %1</source>
        <translation>måned %1</translation>
    </message>
    <message>
        <source>from %1</source>
        <translation>fra %1</translation>
    </message>
    <message>
        <source>by %1</source>
        <translation>innen %1</translation>
    </message>
    <message>
        <source>overdue since %1</source>
        <translation>forfalt siden %1</translation>
    </message>
    <message>
        <source>Agenda</source>
        <translation>Agenda</translation>
    </message>
    <message numerus="yes">
        <source>Today (%n)</source>
        <translation>
            <numerusform>I dag (%n)</numerusform>
            <numerusform>I dag (%n)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>This week (%n)</source>
        <translation>
            <numerusform>Denne uken (%n)</numerusform>
            <numerusform>Denne uken (%n)</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing today.</source>
        <translation>Ingenting i dag.</translation>
    </message>
    <message>
        <source>Nothing more this week.</source>
        <translation>Ingenting mer denne uken.</translation>
    </message>
    <message>
        <source>Open %1</source>
        <translation>Åpne %1</translation>
    </message>
</context>
<context>
    <name>CareerTab</name>
    <message>
        <source>Career profile</source>
        <translation>Karriereprofil</translation>
    </message>
    <message>
        <source>&amp;Version</source>
        <translation>&amp;Versjon</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>Versjon</translation>
    </message>
    <message>
        <source>Start a new version</source>
        <translation>Start ny versjon</translation>
    </message>
    <message>
        <source>Keeps this version as it is and continues in a copy</source>
        <translation>Beholder denne versjonen uendret og fortsetter i en kopi</translation>
    </message>
    <message>
        <source>Version %1 · %2</source>
        <translation>Versjon %1 · %2</translation>
    </message>
    <message>
        <source>No career profile yet. Start writing; it is saved as you go.</source>
        <translation>Ingen karriereprofil ennå. Begynn å skrive; teksten lagres fortløpende.</translation>
    </message>
    <message>
        <source>Version %1, updated %2</source>
        <translation>Versjon %1, oppdatert %2</translation>
    </message>
    <message>
        <source>an older version, read only</source>
        <translation>eldre versjon, skrivebeskyttet</translation>
    </message>
</context>
<context>
    <name>CaseloadModel</name>
    <message>
        <source>Met by job start</source>
        <translation>Oppfylt: jobbstart</translation>
    </message>
    <message>
        <source>Met</source>
        <translation>Oppfylt</translation>
    </message>
    <message>
        <source>%1 held</source>
        <translation>%1 holdt</translation>
    </message>
    <message>
        <source>%1 of %2 (%3 left)</source>
        <translation>%1 av %2 (%3 igjen)</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Navn</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Next action</source>
        <translation>Neste steg</translation>
    </message>
    <message>
        <source>First employer contact</source>
        <translation>Fireukersregelen</translation>
    </message>
    <message>
        <source>Follow-along</source>
        <translation>Oppfølging</translation>
    </message>
    <message>
        <source>Next meeting</source>
        <translation>Neste møte</translation>
    </message>
    <message>
        <source>Next session</source>
        <translation>Neste samtale</translation>
    </message>
    <message>
        <source>Sessions</source>
        <translation>Samtaler</translation>
    </message>
    <message>
        <source>Last CBT worksheet</source>
        <translation>Siste CBT-skjema</translation>
    </message>
    <message>
        <source>Due %1</source>
        <translation>Frist %1</translation>
    </message>
    <message>
        <source>Overdue since %1</source>
        <translation>Fristen gikk ut %1</translation>
    </message>
    <message>
        <source>Four-week rule: first face-to-face employer contact within 28 days of entry; a job start stops the clock too</source>
        <translation>Fireukersregelen: første fysiske møte med en arbeidsgiver innen 28 dager etter inntak; en jobbstart stopper også klokken</translation>
    </message>
    <message>
        <source>Starts %1</source>
        <translation>Starter %1</translation>
    </message>
    <message>
        <source>Sessions held of the planned 5–15, and how many are left</source>
        <translation>Samtaler holdt av de planlagte 5–15, og hvor mange som er igjen</translation>
    </message>
    <message numerus="yes">
        <source>%n day(s) overdue</source>
        <translation>
            <numerusform>%n dag over fristen</numerusform>
            <numerusform>%n dager over fristen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n day(s) left</source>
        <translation>
            <numerusform>%n dag igjen</numerusform>
            <numerusform>%n dager igjen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n overdue</source>
        <translation>
            <numerusform>%n forfalt</numerusform>
            <numerusform>%n forfalte</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Job start on day %n</source>
        <translation>
            <numerusform>Jobbstart dag %n</numerusform>
            <numerusform>Jobbstart dag %n</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Contact on day %n</source>
        <translation>
            <numerusform>Kontakt dag %n</numerusform>
            <numerusform>Kontakt dag %n</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CaseloadView</name>
    <message>
        <source>Active and paused</source>
        <translation>Aktive og på pause</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Aktive</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>På pause</translation>
    </message>
    <message>
        <source>Referred</source>
        <translation>Henvist</translation>
    </message>
    <message>
        <source>Exited</source>
        <translation>Avsluttet</translation>
    </message>
    <message>
        <source>All</source>
        <translation>Alle</translation>
    </message>
    <message>
        <source>My participants</source>
        <translation>Mine deltakere</translation>
    </message>
    <message>
        <source>Filter by name, or search in notes…</source>
        <translation>Filtrer på navn, eller søk i notater…</translation>
    </message>
    <message>
        <source>Filter and search</source>
        <translation>Filtrer og søk</translation>
    </message>
    <message>
        <source>Only mine</source>
        <translation>Bare mine</translation>
    </message>
    <message>
        <source>Show participants by status</source>
        <translation>Vis deltakere etter status</translation>
    </message>
    <message>
        <source>Only the participants you are the therapist of</source>
        <translation>Bare deltakerne du er terapeut for</translation>
    </message>
    <message>
        <source>Only the participants you are the job specialist of</source>
        <translation>Bare deltakerne du er jobbspesialist for</translation>
    </message>
    <message>
        <source>&amp;Hand over…</source>
        <translation>&amp;Overfør …</translation>
    </message>
    <message>
        <source>Give a participant, or a whole caseload, to another job specialist or therapist</source>
        <translation>Gi en deltaker, eller en hel saksmengde, til en annen jobbspesialist eller terapeut</translation>
    </message>
    <message>
        <source>&amp;New participant</source>
        <translation>&amp;Ny deltaker</translation>
    </message>
    <message>
        <source>Participants</source>
        <translation>Deltakere</translation>
    </message>
    <message numerus="yes">
        <source>%n participant(s)</source>
        <translation>
            <numerusform>%n deltaker</numerusform>
            <numerusform>%n deltakere</numerusform>
        </translation>
    </message>
    <message>
        <source>No participant matches “%1”. Clear the filter to see them all.</source>
        <translation>Ingen deltaker passer til «%1». Tøm filteret for å se alle.</translation>
    </message>
    <message>
        <source>No participant has the status chosen. Choose “Active and paused” to see the caseload.</source>
        <translation>Ingen deltakere har den valgte statusen. Velg «Aktive og på pause» for å se porteføljen.</translation>
    </message>
    <message>
        <source>No active participant has you as their therapist. Untick “Only mine” to see the whole team&apos;s, or set the therapist on a participant&apos;s overview.</source>
        <translation>Ingen aktive deltakere har deg som terapeut. Fjern haken ved «Bare mine» for å se hele teamets, eller sett terapeut på deltakerens oversikt.</translation>
    </message>
    <message>
        <source>No active participant has you as their job specialist. Untick “Only mine” to see the whole team&apos;s.</source>
        <translation>Ingen aktive deltakere har deg som jobbspesialist. Fjern haken ved «Bare mine» for å se hele teamets.</translation>
    </message>
    <message>
        <source>No active participants yet. Add one with “New participant”.</source>
        <translation>Ingen aktive deltakere ennå. Legg til en med «Ny deltaker».</translation>
    </message>
    <message>
        <source>The search failed: %1</source>
        <translation>Søket mislyktes: %1</translation>
    </message>
    <message numerus="yes">
        <source>%n participant(s) handed over to %1.</source>
        <translation>
            <numerusform>%n deltaker overført til %1.</numerusform>
            <numerusform>%n deltakere overført til %1.</numerusform>
        </translation>
    </message>
    <message>
        <source>The clinical journals stay on this computer until it is connected to a server (then: Feltjournal → Share clinical journals…).</source>
        <translation>De kliniske journalene blir på denne maskinen til den er koblet til en server (deretter: Feltjournal → Del kliniske journaler …).</translation>
    </message>
    <message>
        <source>The clinical journals are shared from the therapist&apos;s own computer (Feltjournal → Share clinical journals…).</source>
        <translation>De kliniske journalene deles fra terapeutens egen maskin (Feltjournal → Del kliniske journaler …).</translation>
    </message>
    <message>
        <source>Sharing the clinical journals…</source>
        <translation>Deler de kliniske journalene …</translation>
    </message>
    <message>
        <source>The clinical journals were not shared: %1</source>
        <translation>De kliniske journalene ble ikke delt: %1</translation>
    </message>
</context>
<context>
    <name>CbtTab</name>
    <message>
        <source>CBT</source>
        <comment>tab title</comment>
        <translation>CBT-skjema</translation>
    </message>
    <message>
        <source>&amp;New worksheet</source>
        <translation>&amp;Nytt skjema</translation>
    </message>
    <message>
        <source>New CBT worksheet</source>
        <translation>Nytt CBT-skjema</translation>
    </message>
    <message>
        <source>CBT worksheets, newest first</source>
        <translation>CBT-skjemaer, nyeste først</translation>
    </message>
    <message>
        <source>No worksheets yet.</source>
        <translation>Ingen skjemaer ennå.</translation>
    </message>
    <message>
        <source>How strong, 0–100</source>
        <translation>Hvor sterk, 0–100</translation>
    </message>
    <message>
        <source>(no feeling named)</source>
        <translation>(ingen følelse oppgitt)</translation>
    </message>
    <message numerus="yes">
        <source>%n worksheet(s)</source>
        <translation>
            <numerusform>%n skjema</numerusform>
            <numerusform>%n skjemaer</numerusform>
        </translation>
    </message>
    <message>
        <source>New worksheet</source>
        <translation>Nytt skjema</translation>
    </message>
    <message>
        <source>Worksheet</source>
        <translation>Skjema</translation>
    </message>
</context>
<context>
    <name>CentralSummary</name>
    <message>
        <source>Central report</source>
        <translation>Sentral rapport</translation>
    </message>
    <message>
        <source>Made on %1</source>
        <translation>Laget %1</translation>
    </message>
    <message>
        <source>De-identified figures from the teams&apos; snapshots. “&lt; 5”: hidden because it rests on fewer than five people. * The national total leaves out teams whose figure is hidden or missing.</source>
        <translation>Avidentifiserte tall fra teamenes øyeblikksbilder. «&lt; 5»: skjult fordi tallet bygger på færre enn fem personer. * Nasjonal sum er uten team der tallet er skjult eller mangler.</translation>
    </message>
    <message>
        <source>Programme: %1</source>
        <translation>Program: %1</translation>
    </message>
    <message>
        <source>Region: %1</source>
        <translation>Region: %1</translation>
    </message>
    <message>
        <source>Team</source>
        <translation>Team</translation>
    </message>
    <message>
        <source>Programme</source>
        <translation>Program</translation>
    </message>
    <message>
        <source>Region</source>
        <translation>Region</translation>
    </message>
    <message>
        <source>National (sum of teams)</source>
        <translation>Nasjonalt (sum av teamene)</translation>
    </message>
    <message>
        <source>Teams side by side</source>
        <translation>Teamene side om side</translation>
    </message>
    <message>
        <source>Not reported for the period: %1</source>
        <translation>Ikke rapportert for perioden: %1</translation>
    </message>
    <message>
        <source>National trend (target for into work: %1 %)</source>
        <translation>Nasjonal utvikling (mål for overgang til arbeid: %1 %)</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>Periode</translation>
    </message>
    <message>
        <source>Fidelity items, national (sum of teams)</source>
        <translation>Modelltrofasthet, punkter nasjonalt (sum av teamene)</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>Punkt</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Verdi</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>Skår</translation>
    </message>
    <message>
        <source>Score bands</source>
        <translation>Skårgrenser</translation>
    </message>
</context>
<context>
    <name>CentralView</name>
    <message>
        <source>missing</source>
        <translation>mangler</translation>
    </message>
    <message>
        <source>otherwise</source>
        <translation>ellers</translation>
    </message>
    <message>
        <source>Central reporting</source>
        <translation>Sentral rapportering</translation>
    </message>
    <message>
        <source>Quarter</source>
        <translation>Kvartal</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>Måned</translation>
    </message>
    <message>
        <source>&amp;Period:</source>
        <translation>&amp;Periode:</translation>
    </message>
    <message>
        <source>P&amp;rogramme:</source>
        <translation>P&amp;rogram:</translation>
    </message>
    <message>
        <source>R&amp;egion:</source>
        <translation>R&amp;egion:</translation>
    </message>
    <message>
        <source>Export &amp;CSV…</source>
        <translation>Eksporter &amp;CSV …</translation>
    </message>
    <message>
        <source>PDF &amp;summary…</source>
        <translation>PDF-&amp;sammendrag …</translation>
    </message>
    <message>
        <source>C&amp;hart:</source>
        <translation>&amp;Diagram:</translation>
    </message>
    <message>
        <source>De-identified figures the teams have sent. “&lt; 5”: hidden because it rests on fewer than five people; “missing”: the team has not reported for the period. * The national total leaves out teams whose figure is hidden or missing.</source>
        <translation>Avidentifiserte tall teamene har sendt. «&lt; 5»: skjult fordi tallet bygger på færre enn fem personer; «mangler»: teamet har ikke rapportert for perioden. * Nasjonal sum er uten team der tallet er skjult eller mangler.</translation>
    </message>
    <message>
        <source>Into work</source>
        <translation>Til arbeid</translation>
    </message>
    <message>
        <source>Employed</source>
        <translation>I arbeid</translation>
    </message>
    <message>
        <source>Job starts</source>
        <translation>Jobbstarter</translation>
    </message>
    <message>
        <source>Caseload</source>
        <translation>Saksmengde</translation>
    </message>
    <message>
        <source>Four weeks</source>
        <translation>Fire uker</translation>
    </message>
    <message>
        <source>Job development</source>
        <translation>Jobbutvikling</translation>
    </message>
    <message>
        <source>Team</source>
        <translation>Team</translation>
    </message>
    <message>
        <source>Fidelity</source>
        <translation>Trofasthet</translation>
    </message>
    <message>
        <source>Fidelity (partial): points on the items the team&apos;s report measures</source>
        <translation>Modelltrofasthet (delvis): poeng på punktene teamets rapport måler</translation>
    </message>
    <message>
        <source>Fidelity item</source>
        <translation>Modelltrofasthetspunkt</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Verdi</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>Skår</translation>
    </message>
    <message>
        <source>Score bands</source>
        <translation>Skårgrenser</translation>
    </message>
    <message>
        <source>Reading the reports…</source>
        <translation>Leser rapportene …</translation>
    </message>
    <message>
        <source>All</source>
        <translation>Alle</translation>
    </message>
    <message>
        <source>No reports on this computer yet: they arrive when the teams have synced.</source>
        <translation>Ingen rapporter på denne maskinen ennå: de kommer når teamene har synkronisert.</translation>
    </message>
    <message numerus="yes">
        <source>%n team(s)</source>
        <translation>
            <numerusform>%n team</numerusform>
            <numerusform>%n team</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n without a report</source>
        <translation>
            <numerusform>%n uten rapport</numerusform>
            <numerusform>%n uten rapport</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n report(s) could not be verified</source>
        <translation>
            <numerusform>%n rapport kunne ikke bekreftes</numerusform>
            <numerusform>%n rapporter kunne ikke bekreftes</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 av %2</translation>
    </message>
    <message>
        <source>n = %1</source>
        <translation>n = %1</translation>
    </message>
    <message>
        <source>National</source>
        <translation>Nasjonalt</translation>
    </message>
    <message>
        <source>National (sum of teams)</source>
        <translation>Nasjonalt (sum av teamene)</translation>
    </message>
    <message numerus="yes">
        <source>Summed over %n team(s)</source>
        <translation>
            <numerusform>Summert over %n team</numerusform>
            <numerusform>Summert over %n team</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n hidden or missing left out</source>
        <translation>
            <numerusform>%n skjult eller manglende er ikke med</numerusform>
            <numerusform>%n skjulte eller manglende er ikke med</numerusform>
        </translation>
    </message>
    <message>
        <source>Fidelity items: %1</source>
        <translation>Modelltrofasthet, punkter: %1</translation>
    </message>
    <message>
        <source>Fidelity items: national (sum of teams)</source>
        <translation>Modelltrofasthet, punkter: nasjonalt (sum av teamene)</translation>
    </message>
    <message>
        <source>%1 / 5</source>
        <translation>%1 / 5</translation>
    </message>
    <message>
        <source>Target 80 %</source>
        <translation>Mål 80 %</translation>
    </message>
    <message>
        <source>%1 per team, %2</source>
        <translation>%1 per team, %2</translation>
    </message>
    <message>
        <source>%1 over time per team</source>
        <translation>%1 over tid per team</translation>
    </message>
    <message>
        <source>No data: every figure is hidden (&lt; 5) or missing.</source>
        <translation>Ingen data: alle tallene er skjult (&lt; 5) eller mangler.</translation>
    </message>
    <message>
        <source>Into work over time (national) against the 80 % target</source>
        <translation>Overgang til arbeid over tid (nasjonalt) mot målet på 80 %</translation>
    </message>
    <message>
        <source>No bar or point: hidden (&lt; 5), missing or nothing to measure: %1.</source>
        <translation>Ingen søyle eller punkt: skjult (&lt; 5), mangler eller ingenting å måle: %1.</translation>
    </message>
    <message>
        <source>Export the central report</source>
        <translation>Eksporter den sentrale rapporten</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV-filer (*.csv)</translation>
    </message>
    <message>
        <source>The file could not be saved: %1</source>
        <translation>Filen kunne ikke lagres: %1</translation>
    </message>
    <message numerus="yes">
        <source>Saved %n row(s) to %1.</source>
        <translation>
            <numerusform>Lagret %n rad i %1.</numerusform>
            <numerusform>Lagret %n rader i %1.</numerusform>
        </translation>
    </message>
    <message>
        <source>PDF summary of the central report</source>
        <translation>PDF-sammendrag av den sentrale rapporten</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF-filer (*.pdf)</translation>
    </message>
    <message>
        <source>Saved %1.</source>
        <translation>Lagret %1.</translation>
    </message>
</context>
<context>
    <name>ContactsTab</name>
    <message>
        <source>&amp;Add employer contact…</source>
        <translation>&amp;Ny arbeidsgiverkontakt…</translation>
    </message>
    <message>
        <source>Employer contacts</source>
        <translation>Arbeidsgiverkontakter</translation>
    </message>
    <message>
        <source>There are no employers in the register yet. Add the employer under Employers first.</source>
        <translation>Det er ingen arbeidsgivere i registeret ennå. Legg først inn arbeidsgiveren under Arbeidsgivere.</translation>
    </message>
</context>
<context>
    <name>DateField</name>
    <message>
        <source>dd.mm.yyyy</source>
        <translation>dd.mm.åååå</translation>
    </message>
    <message>
        <source>Type dd.mm.yyyy (or d.m.yy); Alt+Down opens a calendar.</source>
        <translation>Skriv dd.mm.åååå (eller d.m.åå); Alt+Pil ned åpner en kalender.</translation>
    </message>
    <message>
        <source>May be left empty.</source>
        <translation>Kan stå tom.</translation>
    </message>
    <message>
        <source>Choose in a calendar (Alt+Down)</source>
        <translation>Velg i kalender (Alt+Pil ned)</translation>
    </message>
    <message>
        <source>Choose in a calendar</source>
        <translation>Velg i kalender</translation>
    </message>
    <message>
        <source>Fill in a date.</source>
        <translation>Fyll inn en dato.</translation>
    </message>
    <message>
        <source>There is no such date.</source>
        <translation>Den datoen finnes ikke.</translation>
    </message>
    <message>
        <source>The date must lie between %1 and %2.</source>
        <translation>Datoen må ligge mellom %1 og %2.</translation>
    </message>
    <message>
        <source>The date cannot be in the future.</source>
        <translation>Datoen kan ikke ligge fram i tid.</translation>
    </message>
    <message>
        <source>Type the date as dd.mm.yyyy, e.g. 20.04.1985.</source>
        <translation>Skriv datoen som dd.mm.åååå, for eksempel 20.04.1985.</translation>
    </message>
    <message>
        <source>The date was not saved: %1</source>
        <translation>Datoen ble ikke lagret: %1</translation>
    </message>
</context>
<context>
    <name>EmployerDetailsPanel</name>
    <message>
        <source>Choose an employer to see its visits and contact persons.</source>
        <translation>Velg en arbeidsgiver for å se besøk og kontaktpersoner.</translation>
    </message>
    <message>
        <source>No employer chosen</source>
        <translation>Ingen arbeidsgiver valgt</translation>
    </message>
    <message>
        <source>Employer</source>
        <translation>Arbeidsgiver</translation>
    </message>
    <message>
        <source>Employer details</source>
        <translation>Opplysninger om arbeidsgiveren</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Dato</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>Kontaktform</translation>
    </message>
    <message>
        <source>Purpose</source>
        <translation>Formål</translation>
    </message>
    <message>
        <source>Participant</source>
        <translation>Deltaker</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Resultat</translation>
    </message>
    <message>
        <source>Next step</source>
        <translation>Neste steg</translation>
    </message>
    <message>
        <source>Visit history</source>
        <translation>Besøkshistorikk</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Navn</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Rolle</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Telefon</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>E-post</translation>
    </message>
    <message>
        <source>Contact persons</source>
        <translation>Kontaktpersoner</translation>
    </message>
    <message>
        <source>Visits</source>
        <translation>Besøk</translation>
    </message>
    <message>
        <source>&amp;Add person…</source>
        <translation>Ny &amp;kontaktperson…</translation>
    </message>
    <message>
        <source>Add contact person</source>
        <translation>Legg til kontaktperson</translation>
    </message>
    <message>
        <source>Ed&amp;it person…</source>
        <translation>Redi&amp;ger kontaktperson…</translation>
    </message>
    <message>
        <source>Edit contact person</source>
        <translation>Rediger kontaktperson</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>Fj&amp;ern</translation>
    </message>
    <message>
        <source>Remove contact person</source>
        <translation>Fjern kontaktperson</translation>
    </message>
    <message>
        <source>&amp;Copy details</source>
        <translation>Ko&amp;pier kontaktinfo</translation>
    </message>
    <message>
        <source>Copy contact details</source>
        <translation>Kopier kontaktinformasjon</translation>
    </message>
    <message>
        <source>Copy name, phone and email (cleared from the clipboard when the app locks)</source>
        <translation>Kopierer navn, telefon og e-post (fjernes fra utklippstavlen når appen låses)</translation>
    </message>
    <message>
        <source>Visit history status</source>
        <translation>Status for besøkshistorikken</translation>
    </message>
    <message>
        <source>Contact persons status</source>
        <translation>Status for kontaktpersonene</translation>
    </message>
    <message>
        <source>Org. no. %1</source>
        <translation>Org.nr. %1</translation>
    </message>
    <message>
        <source>No details recorded.</source>
        <translation>Ingen opplysninger registrert.</translation>
    </message>
    <message>
        <source>The participant has not agreed to be named to this employer. The visit is in their own record.</source>
        <translation>Deltakeren har ikke samtykket til å bli navngitt overfor denne arbeidsgiveren. Besøket står i deltakerens egen journal.</translation>
    </message>
    <message>
        <source>No visits logged yet.</source>
        <translation>Ingen besøk registrert ennå.</translation>
    </message>
    <message numerus="yes">
        <source>%n visit(s)</source>
        <translation>
            <numerusform>%n besøk</numerusform>
            <numerusform>%n besøk</numerusform>
        </translation>
    </message>
    <message>
        <source>No contact persons yet.</source>
        <translation>Ingen kontaktpersoner ennå.</translation>
    </message>
    <message numerus="yes">
        <source>%n contact person(s)</source>
        <translation>
            <numerusform>%n kontaktperson</numerusform>
            <numerusform>%n kontaktpersoner</numerusform>
        </translation>
    </message>
    <message>
        <source>Visits (%1)</source>
        <translation>Besøk (%1)</translation>
    </message>
    <message>
        <source>Contact persons (%1)</source>
        <translation>Kontaktpersoner (%1)</translation>
    </message>
    <message>
        <source>–</source>
        <translation>–</translation>
    </message>
    <message>
        <source>(not disclosed)</source>
        <translation>(ikke oppgitt)</translation>
    </message>
</context>
<context>
    <name>EmployerTableModel</name>
    <message>
        <source>Name</source>
        <translation>Navn</translation>
    </message>
    <message>
        <source>Org. number</source>
        <translation>Org.nr.</translation>
    </message>
    <message>
        <source>Industry</source>
        <translation>Bransje</translation>
    </message>
    <message>
        <source>Last contact</source>
        <translation>Siste kontakt</translation>
    </message>
    <message>
        <source>Contacts</source>
        <translation>Kontakter</translation>
    </message>
</context>
<context>
    <name>EmployersView</name>
    <message>
        <source>Employers</source>
        <translation>Arbeidsgivere</translation>
    </message>
    <message>
        <source>Filter by name, organisation number or industry (Ctrl+F)</source>
        <translation>Filtrer på navn, organisasjonsnummer eller bransje (Ctrl+F)</translation>
    </message>
    <message>
        <source>Filter employers</source>
        <translation>Filtrer arbeidsgivere</translation>
    </message>
    <message>
        <source>Employer register</source>
        <translation>Arbeidsgiverregister</translation>
    </message>
    <message>
        <source>&amp;New employer…</source>
        <translation>&amp;Ny arbeidsgiver…</translation>
    </message>
    <message>
        <source>New employer</source>
        <translation>Ny arbeidsgiver</translation>
    </message>
    <message>
        <source>Add an employer to the register (Ctrl+N)</source>
        <translation>Legg inn en arbeidsgiver i registeret (Ctrl+N)</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>&amp;Rediger…</translation>
    </message>
    <message>
        <source>Edit employer</source>
        <translation>Rediger arbeidsgiver</translation>
    </message>
    <message>
        <source>Log a &amp;visit…</source>
        <translation>Registrer &amp;besøk…</translation>
    </message>
    <message>
        <source>Log a visit</source>
        <translation>Registrer besøk</translation>
    </message>
    <message>
        <source>Log an employer visit (Ctrl+Shift+V)</source>
        <translation>Registrer et bedriftsbesøk (Ctrl+Shift+V)</translation>
    </message>
    <message>
        <source>Remove contact person</source>
        <translation>Fjern kontaktperson</translation>
    </message>
    <message>
        <source>Register status</source>
        <translation>Status for registeret</translation>
    </message>
    <message>
        <source>Loading employers…</source>
        <translation>Laster inn arbeidsgivere…</translation>
    </message>
    <message>
        <source>No employers yet. Add one with New employer.</source>
        <translation>Ingen arbeidsgivere ennå. Legg inn en med Ny arbeidsgiver.</translation>
    </message>
    <message numerus="yes">
        <source>%n employer(s)</source>
        <translation>
            <numerusform>%n arbeidsgiver</numerusform>
            <numerusform>%n arbeidsgivere</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n employer(s)</source>
        <translation>
            <numerusform>%1 av %n arbeidsgiver</numerusform>
            <numerusform>%1 av %n arbeidsgivere</numerusform>
        </translation>
    </message>
    <message>
        <source>Loading visits…</source>
        <translation>Laster inn besøk…</translation>
    </message>
    <message>
        <source>Remove %1 from this employer&apos;s contact persons?</source>
        <translation>Fjerne %1 fra arbeidsgiverens kontaktpersoner?</translation>
    </message>
    <message>
        <source>Copied.</source>
        <translation>Kopiert.</translation>
    </message>
</context>
<context>
    <name>EnrolDialog</name>
    <message>
        <source>Connect to the team&apos;s server</source>
        <extracomment>enrol(server_url, code, device_name) on a worker thread; raises SyncError.</extracomment>
        <translation>Koble til teamets server</translation>
    </message>
    <message>
        <source>The central team gives you the server address and a one-time code. After connecting, the team lead approves this computer; then it syncs by itself.</source>
        <translation>Det sentrale teamet gir deg serveradressen og en engangskode. Når maskinen er koblet til, godkjenner teamlederen den; deretter synkroniserer den av seg selv.</translation>
    </message>
    <message>
        <source>Server address</source>
        <translation>Serveradresse</translation>
    </message>
    <message>
        <source>Enrolment code</source>
        <translation>Registreringskode</translation>
    </message>
    <message>
        <source>Name of this computer</source>
        <translation>Navn på denne maskinen</translation>
    </message>
    <message>
        <source>Server &amp;address:</source>
        <translation>Server&amp;adresse:</translation>
    </message>
    <message>
        <source>Enrolment &amp;code:</source>
        <translation>Registrerings&amp;kode:</translation>
    </message>
    <message>
        <source>&amp;Name of this computer:</source>
        <translation>&amp;Navn på denne maskinen:</translation>
    </message>
    <message>
        <source>C&amp;onnect</source>
        <translation>K&amp;oble til</translation>
    </message>
    <message>
        <source>Write the server address starting with https://.</source>
        <translation>Skriv serveradressen, som begynner med https://.</translation>
    </message>
    <message>
        <source>Write the enrolment code.</source>
        <translation>Skriv registreringskoden.</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Kobler til …</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <source>Wrong passphrase.</source>
        <translation>Feil passordfrase.</translation>
    </message>
    <message numerus="yes">
        <source>Too many attempts. Try again in %n second(s).</source>
        <translation>
            <numerusform>For mange forsøk. Prøv igjen om %n sekund.</numerusform>
            <numerusform>For mange forsøk. Prøv igjen om %n sekunder.</numerusform>
        </translation>
    </message>
    <message>
        <source>This computer&apos;s keyring does not hold the key for this profile. A profile copied from another machine cannot be opened here.</source>
        <translation>Nøkkelringen på denne datamaskinen har ikke nøkkelen til denne profilen. En profil som er kopiert fra en annen maskin, kan ikke åpnes her.</translation>
    </message>
    <message>
        <source>No secure keyring is available on this computer. Install and unlock a keyring (GNOME Keyring or KWallet), or choose the file keystore explicitly.</source>
        <translation>Det finnes ingen sikker nøkkelring på denne datamaskinen. Installer og lås opp en nøkkelring (GNOME Keyring eller KWallet), eller velg uttrykkelig å lagre nøkkelen i en fil.</translation>
    </message>
    <message>
        <source>The backup %1 did not pass its check (%2) and was not restored; the database is untouched.</source>
        <translation>Sikkerhetskopien %1 besto ikke kontrollen (%2) og ble ikke gjenopprettet; databasen er urørt.</translation>
    </message>
    <message>
        <source>The backup was not saved because the copy did not pass its check (%1); the older backups are untouched.</source>
        <translation>Sikkerhetskopien ble ikke lagret fordi kopien ikke besto kontrollen (%1); de eldre sikkerhetskopiene er urørt.</translation>
    </message>
    <message>
        <source>The disk is full. The last change was not saved.</source>
        <translation>Disken er full. Den siste endringen ble ikke lagret.</translation>
    </message>
    <message>
        <source>One record failed its integrity check and cannot be shown: %1</source>
        <translation>En oppføring besto ikke integritetskontrollen og kan ikke vises: %1</translation>
    </message>
    <message>
        <source>This device has no key for these records.</source>
        <translation>Denne enheten har ikke nøkkel til disse oppføringene.</translation>
    </message>
    <message>
        <source>The journal is locked.</source>
        <translation>Journalen er låst.</translation>
    </message>
    <message>
        <source>Your role does not give access to this.</source>
        <translation>Rollen din gir ikke tilgang til dette.</translation>
    </message>
    <message>
        <source>This note is signed and cannot be changed. Add an addendum instead.</source>
        <translation>Dette notatet er signert og kan ikke endres. Skriv et tillegg i stedet.</translation>
    </message>
    <message>
        <source>The file has a format this version does not understand.</source>
        <translation>Filen har et format som denne versjonen ikke forstår.</translation>
    </message>
    <message>
        <source>This computer has been revoked and its keys erased: the journal on it can no longer be opened. What it had synced is kept on the server.</source>
        <translation>Denne maskinen er tilbakekalt og nøklene slettet: journalen på den kan ikke lenger åpnes. Det den hadde synkronisert, er tatt vare på på serveren.</translation>
    </message>
    <message>
        <source>The profile is missing or incomplete.</source>
        <translation>Profilen mangler eller er ufullstendig.</translation>
    </message>
    <message>
        <source>Something went wrong inside Feltjournal. Your saved work is safe.</source>
        <translation>Det oppstod en feil i Feltjournal. Det du har lagret, er trygt.</translation>
    </message>
    <message>
        <source>is missing</source>
        <translation>mangler</translation>
    </message>
    <message>
        <source>is empty (0 bytes)</source>
        <translation>er tom (0 byte)</translation>
    </message>
    <message>
        <source>is cut short</source>
        <translation>er avkortet</translation>
    </message>
    <message>
        <source>is not a Feltjournal database that this profile&apos;s key opens</source>
        <translation>er ikke en Feltjournal-database som denne profilens nøkkel åpner</translation>
    </message>
    <message>
        <source>has damaged pages</source>
        <translation>har skadde sider</translation>
    </message>
    <message>
        <source>cannot be read or written (I/O error)</source>
        <translation>kan ikke leses eller skrives (I/O-feil)</translation>
    </message>
    <message>
        <source>cannot be written (the file or folder is read-only)</source>
        <translation>kan ikke skrives (filen eller mappen er skrivebeskyttet)</translation>
    </message>
    <message>
        <source>cannot be written: the disk is full</source>
        <translation>kan ikke skrives fordi disken er full</translation>
    </message>
    <message>
        <source>The database file %1 %2; the last change was not saved, and Feltjournal writes nothing more to it until you free some space and unlock again.</source>
        <translation>Databasefilen %1 %2; den siste endringen er ikke lagret, og Feltjournal skriver ikke mer til den før du har frigjort plass og låst opp på nytt.</translation>
    </message>
    <message>
        <source>The database file %1 %2, so Feltjournal writes nothing more to it; restore the newest verified backup, %3.</source>
        <translation>Databasefilen %1 %2, så Feltjournal skriver ikke mer til den; gjenopprett den nyeste kontrollerte sikkerhetskopien, %3.</translation>
    </message>
    <message>
        <source>The database file %1 %2, so Feltjournal writes nothing more to it; there is no backup to restore.</source>
        <translation>Databasefilen %1 %2, så Feltjournal skriver ikke mer til den; det finnes ingen sikkerhetskopi å gjenopprette.</translation>
    </message>
    <message>
        <source>The journal database has been rolled back: %1 saves are missing, the newest from %2. Nothing was written to it. Restore the newest backup with &apos;feltjournal restore&apos;, or accept the loss with &apos;feltjournal verify --accept-rollback&apos;.</source>
        <translation>Journaldatabasen er rullet tilbake: %1 lagringer mangler, den nyeste fra %2. Ingenting er skrevet til den. Gjenopprett den nyeste sikkerhetskopien med «feltjournal restore», eller godta tapet med «feltjournal verify --accept-rollback».</translation>
    </message>
    <message>
        <source>The journal database does not match the record of your last save kept beside it: it was replaced or rolled back. Nothing was written to it. Restore the newest backup with &apos;feltjournal restore&apos;, or accept the loss with &apos;feltjournal verify --accept-rollback&apos;.</source>
        <translation>Journaldatabasen stemmer ikke med opptegnelsen av den siste lagringen, som ligger ved siden av den: den er byttet ut eller rullet tilbake. Ingenting er skrevet til den. Gjenopprett den nyeste sikkerhetskopien med «feltjournal restore», eller godta tapet med «feltjournal verify --accept-rollback».</translation>
    </message>
</context>
<context>
    <name>ExposureTab</name>
    <message>
        <source>Exposure</source>
        <comment>tab title</comment>
        <translation>Eksponering</translation>
    </message>
    <message>
        <source>&amp;New plan…</source>
        <translation>&amp;Ny plan…</translation>
    </message>
    <message>
        <source>New exposure plan</source>
        <translation>Ny eksponeringsplan</translation>
    </message>
    <message>
        <source>Exposure plans</source>
        <translation>Eksponeringsplaner</translation>
    </message>
    <message>
        <source>No exposure plans yet.</source>
        <translation>Ingen eksponeringsplaner ennå.</translation>
    </message>
    <message>
        <source>An exposure plan lists graded steps and the attempts at each. Start one with New plan.</source>
        <translation>En eksponeringsplan består av gradvise trinn og forsøkene på hvert trinn. Start en med Ny plan.</translation>
    </message>
    <message>
        <source>Steps, from easiest to hardest</source>
        <translation>Trinn, fra lettest til vanskeligst</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>Trinn</translation>
    </message>
    <message>
        <source>Expected distress (0–100)</source>
        <translation>Forventet ubehag (0–100)</translation>
    </message>
    <message>
        <source>Steps</source>
        <translation>Trinn</translation>
    </message>
    <message>
        <source>Add step</source>
        <translation>Nytt trinn</translation>
    </message>
    <message>
        <source>Remove step</source>
        <translation>Fjern trinn</translation>
    </message>
    <message>
        <source>Move up</source>
        <translation>Flytt opp</translation>
    </message>
    <message>
        <source>Move the step up</source>
        <translation>Flytt trinnet opp</translation>
    </message>
    <message>
        <source>Move down</source>
        <translation>Flytt ned</translation>
    </message>
    <message>
        <source>Move the step down</source>
        <translation>Flytt trinnet ned</translation>
    </message>
    <message>
        <source>Attempts</source>
        <translation>Forsøk</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Dato</translation>
    </message>
    <message>
        <source>Before</source>
        <translation>Før</translation>
    </message>
    <message>
        <source>Peak</source>
        <translation>Topp</translation>
    </message>
    <message>
        <source>After</source>
        <translation>Etter</translation>
    </message>
    <message>
        <source>Add attempt</source>
        <translation>Nytt forsøk</translation>
    </message>
    <message>
        <source>Remove attempt</source>
        <translation>Fjern forsøk</translation>
    </message>
    <message numerus="yes">
        <source>%n plan(s)</source>
        <translation>
            <numerusform>%n plan</numerusform>
            <numerusform>%n planer</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n step(s)</source>
        <translation>
            <numerusform>%n trinn</numerusform>
            <numerusform>%n trinn</numerusform>
        </translation>
    </message>
    <message>
        <source>Steps and attempts saved.</source>
        <translation>Trinn og forsøk er lagret.</translation>
    </message>
    <message>
        <source>New step</source>
        <translation>Nytt trinn</translation>
    </message>
</context>
<context>
    <name>FidelityReviewDialog</name>
    <message>
        <source>Fidelity review, %1</source>
        <translation>Vurdering av modelltrofasthet, %1</translation>
    </message>
    <message>
        <source>Rate the items the records cannot show, 1 (not implemented) to 5 (fully implemented), for this period. An item left at “Not rated” stays out of the total. Each save keeps the earlier versions.</source>
        <translation>Vurder punktene journalen ikke kan vise, fra 1 (ikke innført) til 5 (fullt innført), for denne perioden. Et punkt som står som «Ikke vurdert», holdes utenfor summen. Hver lagring tar vare på de tidligere versjonene.</translation>
    </message>
    <message>
        <source>Not rated</source>
        <translation>Ikke vurdert</translation>
    </message>
    <message>
        <source>Into work: exits also left out (moving away always is)</source>
        <translation>I arbeid: avslutninger som også holdes utenfor (flytting er det alltid)</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Lagre</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Avbryt</translation>
    </message>
    <message numerus="yes">
        <source>Version %1, %2, %3: %n item(s) rated</source>
        <translation>
            <numerusform>Versjon %1, %2, %3: %n punkt vurdert</numerusform>
            <numerusform>Versjon %1, %2, %3: %n punkter vurdert</numerusform>
        </translation>
    </message>
    <message>
        <source>Saved versions:</source>
        <translation>Lagrede versjoner:</translation>
    </message>
    <message>
        <source>No review saved for this period yet.</source>
        <translation>Ingen vurdering er lagret for denne perioden ennå.</translation>
    </message>
</context>
<context>
    <name>FteDialog</name>
    <message>
        <source>Job specialists&apos; FTE</source>
        <translation>Jobbspesialistenes stillingsandeler</translation>
    </message>
    <message>
        <source>Caseload per FTE divides the active participants by these. A job specialist without a setting counts as full time (1,0). Every laptop of the team gets the values at its next sync.</source>
        <translation>Saksmengde per årsverk deler de aktive deltakerne på disse. En jobbspesialist uten innstilling teller som heltid (1,0). Alle teamets maskiner får verdiene ved neste synkronisering.</translation>
    </message>
    <message>
        <source>FTE of %1</source>
        <translation>Stillingsandel for %1</translation>
    </message>
</context>
<context>
    <name>HandoverDialog</name>
    <message>
        <source>Clinical journals shared: %1 with %2 computer(s) of %3.</source>
        <translation>Kliniske journaler delt: %1 med %2 maskin(er) hos %3.</translation>
    </message>
    <message>
        <source>%1 had no clinical journal on this computer.</source>
        <translation>%1 hadde ingen klinisk journal på denne maskinen.</translation>
    </message>
    <message>
        <source>Hand over</source>
        <translation>Overfør</translation>
    </message>
    <message>
        <source>Job specialist</source>
        <translation>Jobbspesialist</translation>
    </message>
    <message>
        <source>Therapist</source>
        <translation>Terapeut</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Rolle</translation>
    </message>
    <message>
        <source>The whole caseload of</source>
        <translation>Hele saksmengden til</translation>
    </message>
    <message>
        <source>Only %1</source>
        <translation>Bare %1</translation>
    </message>
    <message>
        <source>Only the selected participant (none selected)</source>
        <translation>Bare valgt deltaker (ingen valgt)</translation>
    </message>
    <message>
        <source>Whose caseload</source>
        <translation>Hvis saksmengde</translation>
    </message>
    <message>
        <source>To</source>
        <translation>Til</translation>
    </message>
    <message>
        <source>&amp;Role</source>
        <translation>&amp;Rolle</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>Hvem</translation>
    </message>
    <message>
        <source>&amp;To</source>
        <translation>&amp;Til</translation>
    </message>
    <message>
        <source>The new job specialist sees the participant after the next sync.</source>
        <translation>Den nye jobbspesialisten ser deltakeren etter neste synkronisering.</translation>
    </message>
    <message>
        <source>This computer is not connected to a server: the clinical journals stay here until it is (then: Feltjournal → Share clinical journals…).</source>
        <translation>Denne maskinen er ikke koblet til en server: de kliniske journalene blir her til den er det (deretter: Feltjournal → Del kliniske journaler …).</translation>
    </message>
    <message>
        <source>The clinical journals held on this computer are shared with the new therapist&apos;s computers at once (it needs a connection to the server).</source>
        <translation>De kliniske journalene på denne maskinen deles med den nye terapeutens maskiner med en gang (det krever forbindelse til serveren).</translation>
    </message>
    <message>
        <source>Clinical journals are not shared from here: the therapist who holds them shares them from their own computer.</source>
        <translation>Kliniske journaler deles ikke herfra: terapeuten som har dem, deler dem fra sin egen maskin.</translation>
    </message>
    <message>
        <source>Choose or type who takes over.</source>
        <translation>Velg eller skriv hvem som tar over.</translation>
    </message>
    <message>
        <source>The caseload is already theirs: choose someone else.</source>
        <translation>Saksmengden er allerede deres: velg en annen.</translation>
    </message>
</context>
<context>
    <name>Indicators</name>
    <message>
        <source>Caseload (active participants per FTE)</source>
        <translation>Saksmengde (aktive deltakere per årsverk)</translation>
    </message>
    <message>
        <source>Rapid job search (days to first employer contact)</source>
        <translation>Rask jobbsøking (dager til første kontakt)</translation>
    </message>
    <message>
        <source>First employer contact within four weeks</source>
        <translation>Første arbeidsgiverkontakt innen fire uker</translation>
    </message>
    <message>
        <source>Job development (employer contacts per week)</source>
        <translation>Jobbutvikling (kontakter per uke)</translation>
    </message>
    <message>
        <source>Individualised job search</source>
        <translation>Individuell jobbsøking</translation>
    </message>
    <message>
        <source>Diversity of job types</source>
        <translation>Variasjon i jobbtyper</translation>
    </message>
    <message>
        <source>Diversity of employers</source>
        <translation>Variasjon i arbeidsgivere</translation>
    </message>
    <message>
        <source>Competitive jobs</source>
        <translation>Ordinære jobber</translation>
    </message>
    <message>
        <source>Follow-along contacts on time</source>
        <translation>Oppfølgingskontakter i tide</translation>
    </message>
    <message>
        <source>Community-based services</source>
        <translation>Arbeid ute i lokalmiljøet</translation>
    </message>
    <message>
        <source>Disclosure discussed before client contacts</source>
        <translation>Åpenhet drøftet før kontakt om deltaker</translation>
    </message>
    <message>
        <source>Disclosure revisited when no job by day 60</source>
        <translation>Åpenhet tatt opp igjen etter 60 dager</translation>
    </message>
    <message>
        <source>Benefits planning before job start</source>
        <translation>Ytelsesveiledning før jobbstart</translation>
    </message>
    <message>
        <source>Zero exclusion (declined as not ready)</source>
        <translation>Ingen utelukkelse (avslått som ikke klar)</translation>
    </message>
    <message>
        <source>Self-referrals</source>
        <translation>Selvhenvisninger</translation>
    </message>
    <message>
        <source>Collaboration meeting in the last 90 days</source>
        <translation>Samarbeidsmøte siste 90 dager</translation>
    </message>
    <message>
        <source>NAV counsellor contacts</source>
        <translation>Kontakter med Nav-veileder</translation>
    </message>
    <message>
        <source>Into work (ordinary work or education)</source>
        <translation>Overgang til arbeid eller utdanning</translation>
    </message>
    <message>
        <source>Exits left out of into work</source>
        <translation>Holdt utenfor «i arbeid»</translation>
    </message>
    <message>
        <source>Employment rate (competitive work)</source>
        <translation>Andel i arbeid (ordinært arbeid)</translation>
    </message>
    <message>
        <source>Job starts</source>
        <translation>Jobbstarter</translation>
    </message>
    <message>
        <source>Days to first job (median)</source>
        <translation>Dager til første jobb (median)</translation>
    </message>
    <message>
        <source>Still in the job after 13 weeks</source>
        <translation>Fortsatt i jobb etter 13 uker</translation>
    </message>
    <message>
        <source>Still in the job after 26 weeks</source>
        <translation>Fortsatt i jobb etter 26 uker</translation>
    </message>
    <message>
        <source>Hours per week in jobs held (mean)</source>
        <translation>Timer per uke i jobb (snitt)</translation>
    </message>
    <message>
        <source>Six-month status: work or education</source>
        <translation>Arbeid/utdanning etter seks måneder</translation>
    </message>
    <message>
        <source>Therapy sessions per participant</source>
        <translation>Terapisamtaler per deltaker</translation>
    </message>
    <message>
        <source>Self-assessment change (end minus start)</source>
        <translation>Endring i egenvurdering (slutt minus start)</translation>
    </message>
    <message>
        <source>From entry to first face-to-face employer contact; none yet: days so far</source>
        <translation>Fra inntak til første fysiske møte med arbeidsgiver; ingen ennå: dager så langt</translation>
    </message>
    <message>
        <source>Moves and the team&apos;s chosen exit reasons left out; ordinary work needs an unsubsidised job</source>
        <translation>Uten flytting og teamets valgte årsaker; ordinært arbeid bare uten lønnstilskudd</translation>
    </message>
    <message>
        <source>Exits not counted in the into-work share</source>
        <translation>Avslutninger som ikke telles i andelen i arbeid</translation>
    </message>
    <message>
        <source>Everyone six months past a job start or exit; no status counts as missing</source>
        <translation>Alle seks måneder etter jobbstart eller avslutning; uten status telles som mangler</translation>
    </message>
    <message>
        <source>Face-to-face employer contact or a job start by day 28 after entry</source>
        <translation>Fysisk møte med en arbeidsgiver eller jobbstart innen dag 28 etter inntak</translation>
    </message>
    <message>
        <source>Face-to-face contacts due after each job start, judged on average</source>
        <translation>Fysiske oppfølgingsmøter ventet etter hver jobbstart, vurdert i snitt</translation>
    </message>
    <message>
        <source>Caseload size</source>
        <translation>Antall deltakere per jobbspesialist</translation>
    </message>
    <message>
        <source>Employment services staff</source>
        <translation>Jobbspesialister arbeider bare med jobbstøtte</translation>
    </message>
    <message>
        <source>Vocational generalists</source>
        <translation>Jobbspesialisten følger alle faser</translation>
    </message>
    <message>
        <source>Integration with treatment: team assignment</source>
        <translation>Integrering: jobbspesialist i behandlingsteam</translation>
    </message>
    <message>
        <source>Integration with treatment: frequent team contact</source>
        <translation>Integrering: hyppig kontakt med behandlingsteamet</translation>
    </message>
    <message>
        <source>Collaboration with NAV counsellors</source>
        <translation>Samarbeid med Nav-veiledere</translation>
    </message>
    <message>
        <source>Vocational unit</source>
        <translation>Egen jobbspesialistenhet</translation>
    </message>
    <message>
        <source>Role of the employment supervisor</source>
        <translation>Veileders rolle</translation>
    </message>
    <message>
        <source>Zero exclusion criteria</source>
        <translation>Ingen eksklusjonskriterier</translation>
    </message>
    <message>
        <source>Agency focus on competitive work</source>
        <translation>Virksomheten vektlegger ordinært arbeid</translation>
    </message>
    <message>
        <source>Executive team support</source>
        <translation>Ledelsens støtte</translation>
    </message>
    <message>
        <source>Work incentives planning</source>
        <translation>Veiledning om ytelser</translation>
    </message>
    <message>
        <source>Disclosure</source>
        <translation>Åpenhet om helse</translation>
    </message>
    <message>
        <source>Ongoing, work-based assessment</source>
        <translation>Løpende, arbeidsbasert kartlegging</translation>
    </message>
    <message>
        <source>Rapid job search</source>
        <translation>Rask jobbsøking</translation>
    </message>
    <message>
        <source>Job development: frequent contact</source>
        <translation>Jobbutvikling: hyppig kontakt</translation>
    </message>
    <message>
        <source>Job development: quality of contact</source>
        <translation>Jobbutvikling: kvalitet i kontakten</translation>
    </message>
    <message>
        <source>Individualised follow-along</source>
        <translation>Individuelt tilpasset oppfølging i jobb</translation>
    </message>
    <message>
        <source>Time-unlimited follow-along</source>
        <translation>Tidsubegrenset oppfølging i jobb</translation>
    </message>
    <message>
        <source>Assertive engagement and outreach</source>
        <translation>Oppsøkende arbeid fra teamet</translation>
    </message>
    <message>
        <source>Participants whose day 28 after entry falls in the period: the share who had a face-to-face employer contact about a competitive job, or started a job (also one found through their own network), by day 28. Those who left before day 28 without either are not counted.</source>
        <translation>Deltakere med dag 28 etter inntak i perioden: andelen som hadde et fysisk møte med en arbeidsgiver om en ordinær jobb, eller begynte i jobb (også en de fant gjennom eget nettverk), innen dag 28. De som sluttet før dag 28 uten noen av delene, telles ikke med.</translation>
    </message>
    <message>
        <source>Face-to-face follow-along contacts made of those due after each job start: within a week before the start, within 3 days after it, weekly in the first month, then monthly for a year, judged on average (a month with two contacts makes up for one with none), and within 3 days of a job loss. Follow-along stops at exit, at the job&apos;s end and when the participant wants no more.</source>
        <translation>Fysiske oppfølgingsmøter som ble holdt av dem som var ventet etter hver jobbstart: innen en uke før start, innen 3 dager etter, ukentlig den første måneden, deretter månedlig i et år, vurdert i snitt (en måned med to møter veier opp for en uten), og innen 3 dager etter at en jobb tok slutt. Oppfølgingen stopper ved avslutning, når jobben slutter og når deltakeren ikke ønsker mer.</translation>
    </message>
    <message>
        <source>%1 %</source>
        <translation>%1 %</translation>
    </message>
    <message>
        <source>%1 days</source>
        <translation>%1 dager</translation>
    </message>
    <message>
        <source>%1 per week</source>
        <translation>%1 per uke</translation>
    </message>
    <message>
        <source>%1 per FTE</source>
        <translation>%1 per årsverk</translation>
    </message>
    <message>
        <source>%1 per month</source>
        <translation>%1 per måned</translation>
    </message>
    <message>
        <source>%1</source>
        <translation>%1</translation>
    </message>
    <message>
        <source>%1 h per week</source>
        <translation>%1 t per uke</translation>
    </message>
    <message>
        <source>%1 sessions</source>
        <translation>%1 samtaler</translation>
    </message>
    <message>
        <source>%1 points</source>
        <translation>%1 poeng</translation>
    </message>
    <message>
        <source>exemplary fidelity</source>
        <translation>eksemplarisk modelltrofasthet</translation>
    </message>
    <message>
        <source>good fidelity</source>
        <translation>god modelltrofasthet</translation>
    </message>
    <message>
        <source>fair fidelity</source>
        <translation>akseptabel modelltrofasthet</translation>
    </message>
    <message>
        <source>not supported employment</source>
        <translation>ikke IPS</translation>
    </message>
    <message>
        <source>%1 / 5</source>
        <translation>%1 / 5</translation>
    </message>
    <message>
        <source>%1 active ÷ %2 FTE</source>
        <translation>%1 aktive ÷ %2 årsverk</translation>
    </message>
    <message>
        <source>%1 of %2 hours</source>
        <translation>%1 av %2 timer</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 av %2</translation>
    </message>
    <message>
        <source>%1 contacts</source>
        <translation>%1 kontakter</translation>
    </message>
    <message>
        <source>n = %1</source>
        <translation>n = %1</translation>
    </message>
    <message>
        <source>Q%1 %2</source>
        <translation>K%1 %2</translation>
    </message>
    <message>
        <source>week %1</source>
        <translation>uke %1</translation>
    </message>
    <message>
        <source>month %1</source>
        <translation>måned %1</translation>
    </message>
    <message>
        <source>before the start</source>
        <translation>før oppstart</translation>
    </message>
    <message>
        <source>just after the start</source>
        <translation>like etter oppstart</translation>
    </message>
    <message>
        <source>after the job ended</source>
        <translation>etter at jobben tok slutt</translation>
    </message>
    <message>
        <source>Participant</source>
        <translation>Deltaker</translation>
    </message>
    <message>
        <source>Job specialist</source>
        <translation>Jobbspesialist</translation>
    </message>
    <message>
        <source>Programme</source>
        <translation>Program</translation>
    </message>
    <message>
        <source>Job</source>
        <translation>Jobb</translation>
    </message>
    <message>
        <source>Employer</source>
        <translation>Arbeidsgiver</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Start</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Dato</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>Kontaktform</translation>
    </message>
    <message>
        <source>Purpose</source>
        <translation>Formål</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>Mottatt</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Henvist av</translation>
    </message>
    <message>
        <source>Decision</source>
        <translation>Avgjørelse</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>Sted</translation>
    </message>
    <message>
        <source>Minutes</source>
        <translation>Minutter</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>Oppføring</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Verdi</translation>
    </message>
    <message>
        <source>Missed contacts</source>
        <translation>Manglende kontakter</translation>
    </message>
    <message>
        <source>Counted</source>
        <translation>Telt med</translation>
    </message>
    <message>
        <source>(not available)</source>
        <translation>(ikke tilgjengelig)</translation>
    </message>
    <message>
        <source>%1, no contact yet</source>
        <translation>%1, ingen kontakt ennå</translation>
    </message>
    <message>
        <source>✓</source>
        <translation>✓</translation>
    </message>
    <message>
        <source>Divided by (FTE): %1</source>
        <translation>Delt på (stillingsandel): %1</translation>
    </message>
    <message>
        <source>Not recorded</source>
        <translation>Ikke registrert</translation>
    </message>
    <message>
        <source>Breakdown: %1</source>
        <translation>Fordeling: %1</translation>
    </message>
    <message numerus="yes">
        <source>%n monthly contact(s) short</source>
        <translation>
            <numerusform>%n månedlig møte mangler</numerusform>
            <numerusform>%n månedlige møter mangler</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>JobsTab</name>
    <message>
        <source>&amp;Add job…</source>
        <translation>&amp;Ny jobb…</translation>
    </message>
    <message>
        <source>Jobs &amp;&amp; follow-along</source>
        <translation>Jobb &amp;&amp; oppfølging</translation>
    </message>
    <message>
        <source>Jobs and follow-along</source>
        <translation>Jobber og oppfølging</translation>
    </message>
    <message>
        <source>Follow-along</source>
        <translation>Oppfølging</translation>
    </message>
    <message>
        <source>Follow-along: %1</source>
        <translation>Oppfølging: %1</translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <source>Participant</source>
        <translation>Deltaker</translation>
    </message>
    <message>
        <source>Referral</source>
        <translation>Henvisning</translation>
    </message>
    <message>
        <source>Episode</source>
        <translation>Forløp</translation>
    </message>
    <message>
        <source>Consent</source>
        <translation>Samtykke</translation>
    </message>
    <message>
        <source>Disclosure plan</source>
        <translation>Åpenhetsplan</translation>
    </message>
    <message>
        <source>Career profile</source>
        <translation>Karriereprofil</translation>
    </message>
    <message>
        <source>Job-search plan</source>
        <translation>Jobbsøkingsplan</translation>
    </message>
    <message>
        <source>Goal</source>
        <translation>Mål</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Steg</translation>
    </message>
    <message>
        <source>Case note</source>
        <translation>Notat</translation>
    </message>
    <message>
        <source>Therapy session</source>
        <translation>Terapisamtale</translation>
    </message>
    <message>
        <source>Addendum</source>
        <translation>Tillegg</translation>
    </message>
    <message>
        <source>CBT worksheet</source>
        <translation>CBT-skjema</translation>
    </message>
    <message>
        <source>Exposure plan</source>
        <translation>Eksponeringsplan</translation>
    </message>
    <message>
        <source>Employer</source>
        <translation>Arbeidsgiver</translation>
    </message>
    <message>
        <source>Contact person</source>
        <translation>Kontaktperson</translation>
    </message>
    <message>
        <source>Employer contact</source>
        <translation>Arbeidsgiverkontakt</translation>
    </message>
    <message>
        <source>Employer contact (job development)</source>
        <translation>Arbeidsgiverkontakt (jobbutvikling)</translation>
    </message>
    <message>
        <source>Activity</source>
        <translation>Aktivitet</translation>
    </message>
    <message>
        <source>Team settings</source>
        <translation>Teaminnstillinger</translation>
    </message>
    <message>
        <source>Fidelity review</source>
        <translation>Vurdering av modelltrofasthet</translation>
    </message>
    <message>
        <source>Collaboration meeting</source>
        <translation>Samarbeidsmøte</translation>
    </message>
    <message>
        <source>Job</source>
        <translation>Jobb</translation>
    </message>
    <message>
        <source>Follow-along contact</source>
        <translation>Oppfølgingskontakt</translation>
    </message>
    <message>
        <source>Self assessment</source>
        <translation>Egenvurdering</translation>
    </message>
    <message>
        <source>Six-month outcome</source>
        <translation>Status etter seks måneder</translation>
    </message>
    <message>
        <source>Job specialist&apos;s FTE</source>
        <translation>Jobbspesialistens stillingsandel</translation>
    </message>
    <message>
        <source>Referred by</source>
        <translation>Henvist av</translation>
    </message>
    <message>
        <source>Referral received</source>
        <translation>Henvisning mottatt</translation>
    </message>
    <message>
        <source>Consents</source>
        <translation>Samtykker</translation>
    </message>
    <message>
        <source>The name typed to confirm</source>
        <translation>Navnet som bekrefter</translation>
    </message>
    <message>
        <source>Record type</source>
        <translation>Posttype</translation>
    </message>
    <message>
        <source>Taken over by</source>
        <translation>Tar over</translation>
    </message>
    <message>
        <source>Participants</source>
        <translation>Deltakere</translation>
    </message>
    <message>
        <source>Team</source>
        <translation>Team</translation>
    </message>
    <message>
        <source>Exit reasons left out of the into-work share</source>
        <translation>Avslutningsårsaker utenfor andelen i arbeid</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>Periode</translation>
    </message>
    <message>
        <source>Reviewed</source>
        <translation>Vurdert</translation>
    </message>
    <message>
        <source>Reviewed by</source>
        <translation>Vurdert av</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Adresse</translation>
    </message>
    <message>
        <source>Alternative thought</source>
        <translation>Alternativ tanke</translation>
    </message>
    <message>
        <source>Attempts</source>
        <translation>Forsøk</translation>
    </message>
    <message>
        <source>Attendees</source>
        <translation>Til stede</translation>
    </message>
    <message>
        <source>Behaviour</source>
        <translation>Atferd</translation>
    </message>
    <message>
        <source>Birth date</source>
        <translation>Fødselsdato</translation>
    </message>
    <message>
        <source>Bodily reaction</source>
        <translation>Kroppslig reaksjon</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>Tekst</translation>
    </message>
    <message>
        <source>Competitive</source>
        <translation>Ordinært arbeid</translation>
    </message>
    <message>
        <source>About a competitive job</source>
        <translation>Gjelder ordinær jobb</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Dato</translation>
    </message>
    <message>
        <source>Decided</source>
        <translation>Avgjort</translation>
    </message>
    <message>
        <source>Decision</source>
        <translation>Avgjørelse</translation>
    </message>
    <message>
        <source>Decline reason</source>
        <translation>Grunn til avslag</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Beskrivelse</translation>
    </message>
    <message>
        <source>Discussed</source>
        <translation>Drøftet</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>Frist</translation>
    </message>
    <message>
        <source>Education</source>
        <translation>Utdanning</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>E-post</translation>
    </message>
    <message>
        <source>End</source>
        <translation>Slutt</translation>
    </message>
    <message>
        <source>End reason</source>
        <translation>Sluttårsak</translation>
    </message>
    <message>
        <source>Entry</source>
        <translation>Inntak</translation>
    </message>
    <message>
        <source>Exit</source>
        <translation>Avslutning</translation>
    </message>
    <message>
        <source>Exit reason</source>
        <translation>Årsak til avslutning</translation>
    </message>
    <message>
        <source>Feeling</source>
        <translation>Følelse</translation>
    </message>
    <message>
        <source>No more follow-along wanted from</source>
        <translation>Ønsker ikke mer oppfølging fra</translation>
    </message>
    <message>
        <source>FTE</source>
        <translation>Stillingsandel</translation>
    </message>
    <message>
        <source>Follow-up outside the workplace</source>
        <translation>Oppfølging utenfor arbeidsplassen</translation>
    </message>
    <message>
        <source>Given</source>
        <translation>Gitt</translation>
    </message>
    <message>
        <source>Goals</source>
        <translation>Mål</translation>
    </message>
    <message>
        <source>GP</source>
        <translation>Fastlege</translation>
    </message>
    <message>
        <source>Health-related</source>
        <translation>Helserelatert</translation>
    </message>
    <message>
        <source>Hours per week</source>
        <translation>Timer per uke</translation>
    </message>
    <message>
        <source>Industry</source>
        <translation>Bransje</translation>
    </message>
    <message>
        <source>Intensity (0–100)</source>
        <translation>Styrke (0–100)</translation>
    </message>
    <message>
        <source>Intensity afterwards (0–100)</source>
        <translation>Styrke etterpå (0–100)</translation>
    </message>
    <message>
        <source>Interests</source>
        <translation>Interesser</translation>
    </message>
    <message>
        <source>Job specialist</source>
        <translation>Jobbspesialist</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>Nivå</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>Sted</translation>
    </message>
    <message>
        <source>Matches the participant&apos;s preferences</source>
        <translation>I tråd med deltakerens ønsker</translation>
    </message>
    <message>
        <source>Milestones</source>
        <translation>Milepæler</translation>
    </message>
    <message>
        <source>Minutes</source>
        <translation>Minutter</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>Kontaktform</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Navn</translation>
    </message>
    <message>
        <source>National identity number</source>
        <translation>Fødselsnummer</translation>
    </message>
    <message>
        <source>NAV counsellor</source>
        <translation>Nav-veileder</translation>
    </message>
    <message>
        <source>NAV office</source>
        <translation>Nav-kontor</translation>
    </message>
    <message>
        <source>Next meeting</source>
        <translation>Neste møte</translation>
    </message>
    <message>
        <source>Next session</source>
        <translation>Neste samtale</translation>
    </message>
    <message>
        <source>Next step</source>
        <translation>Neste steg</translation>
    </message>
    <message>
        <source>Date of next step</source>
        <translation>Dato for neste steg</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Notat</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notater</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>Nummer</translation>
    </message>
    <message>
        <source>Occupation code (STYRK)</source>
        <translation>Yrkeskode (STYRK)</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>Rekkefølge</translation>
    </message>
    <message>
        <source>Organisation number</source>
        <translation>Organisasjonsnummer</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Resultat</translation>
    </message>
    <message>
        <source>Outside workplace</source>
        <translation>Utenfor arbeidsplassen</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>Ansvarlig</translation>
    </message>
    <message>
        <source>Sub-goal of</source>
        <translation>Delmål av</translation>
    </message>
    <message>
        <source>Participant present</source>
        <translation>Deltaker til stede</translation>
    </message>
    <message>
        <source>Phase</source>
        <translation>Fase</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Telefon</translation>
    </message>
    <message>
        <source>Planned sessions (5–15)</source>
        <translation>Planlagte samtaler (5–15)</translation>
    </message>
    <message>
        <source>Preferences</source>
        <translation>Ønsker</translation>
    </message>
    <message>
        <source>Programme</source>
        <translation>Program</translation>
    </message>
    <message>
        <source>Purpose</source>
        <translation>Formål</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>Mottatt</translation>
    </message>
    <message>
        <source>Returned within a year</source>
        <translation>Kom tilbake innen et år</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Rolle</translation>
    </message>
    <message>
        <source>Scope</source>
        <translation>Gjelder</translation>
    </message>
    <message>
        <source>Scores</source>
        <translation>Poeng</translation>
    </message>
    <message>
        <source>Session</source>
        <translation>Samtale</translation>
    </message>
    <message>
        <source>Signed</source>
        <translation>Signert</translation>
    </message>
    <message>
        <source>Signed by</source>
        <translation>Signert av</translation>
    </message>
    <message>
        <source>Situation</source>
        <translation>Situasjon</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Henvist av</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Start</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Steps</source>
        <translation>Trinn</translation>
    </message>
    <message>
        <source>Strategies</source>
        <translation>Strategier</translation>
    </message>
    <message>
        <source>Strengths</source>
        <translation>Styrker</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>Sammendrag</translation>
    </message>
    <message>
        <source>Supports</source>
        <translation>Støtte</translation>
    </message>
    <message>
        <source>Target employers</source>
        <translation>Aktuelle arbeidsgivere</translation>
    </message>
    <message>
        <source>Therapist</source>
        <translation>Terapeut</translation>
    </message>
    <message>
        <source>Thought</source>
        <translation>Tanke</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Tittel</translation>
    </message>
    <message>
        <source>Topic</source>
        <translation>Tema</translation>
    </message>
    <message>
        <source>Updated</source>
        <translation>Oppdatert</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>Versjon</translation>
    </message>
    <message>
        <source>Wage subsidy</source>
        <translation>Lønnstilskudd</translation>
    </message>
    <message>
        <source>With employer</source>
        <translation>Med arbeidsgiver</translation>
    </message>
    <message>
        <source>Withdrawn</source>
        <translation>Trukket tilbake</translation>
    </message>
    <message>
        <source>Agreed wording</source>
        <translation>Avtalt formulering</translation>
    </message>
    <message>
        <source>Work history</source>
        <translation>Arbeidserfaring</translation>
    </message>
    <message>
        <source>IPS</source>
        <translation>IPS</translation>
    </message>
    <message>
        <source>JMO</source>
        <translation>JMO</translation>
    </message>
    <message>
        <source>SFJ</source>
        <translation>SFJ</translation>
    </message>
    <message>
        <source>Accepted</source>
        <translation>Tatt inn</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Aktiv</translation>
    </message>
    <message>
        <source>Benefits</source>
        <translation>Ytelser</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Avbrutt</translation>
    </message>
    <message>
        <source>Career</source>
        <translation>Karriere</translation>
    </message>
    <message>
        <source>Central reporting</source>
        <translation>Sentral rapportering</translation>
    </message>
    <message>
        <source>Client specific</source>
        <translation>Deltakerrettet</translation>
    </message>
    <message>
        <source>Community</source>
        <translation>Ute i lokalmiljøet</translation>
    </message>
    <message>
        <source>Declined</source>
        <translation>Avslått</translation>
    </message>
    <message>
        <source>Disclosure</source>
        <translation>Åpenhet</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Utført</translation>
    </message>
    <message>
        <source>Dropped out</source>
        <translation>Falt fra</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>E-post</translation>
    </message>
    <message>
        <source>Exited</source>
        <translation>Avsluttet</translation>
    </message>
    <message>
        <source>Face to face</source>
        <translation>Fysisk møte</translation>
    </message>
    <message>
        <source>Family</source>
        <translation>Familie</translation>
    </message>
    <message>
        <source>Follow along</source>
        <translation>Oppfølging</translation>
    </message>
    <message>
        <source>General</source>
        <translation>Generelt</translation>
    </message>
    <message>
        <source>Health</source>
        <translation>Helse</translation>
    </message>
    <message>
        <source>Job development</source>
        <translation>Jobbutvikling</translation>
    </message>
    <message>
        <source>Job search</source>
        <translation>Jobbsøking</translation>
    </message>
    <message>
        <source>Joint visits</source>
        <translation>Felles besøk</translation>
    </message>
    <message>
        <source>Not recorded (missing)</source>
        <translation>Ikke registrert (mangler)</translation>
    </message>
    <message>
        <source>Monthly</source>
        <translation>Månedlig</translation>
    </message>
    <message>
        <source>Moved</source>
        <translation>Flyttet</translation>
    </message>
    <message>
        <source>NAV</source>
        <translation>Nav</translation>
    </message>
    <message>
        <source>NAV contact</source>
        <translation>Kontakt med Nav</translation>
    </message>
    <message>
        <source>No wish for work</source>
        <translation>Ønsker ikke arbeid</translation>
    </message>
    <message>
        <source>None</source>
        <translation>Ingen</translation>
    </message>
    <message>
        <source>Not ready (red flag)</source>
        <translation>Ikke klar (rødt flagg)</translation>
    </message>
    <message>
        <source>Office</source>
        <translation>Kontoret</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Åpen</translation>
    </message>
    <message>
        <source>Ordinary paid work</source>
        <translation>Ordinært lønnet arbeid</translation>
    </message>
    <message>
        <source>Ordinary work, but only a wage-subsidised job</source>
        <translation>Ordinært arbeid, men bare jobb med lønnstilskudd</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Annet</translation>
    </message>
    <message>
        <source>Other service</source>
        <translation>Annet tilbud</translation>
    </message>
    <message>
        <source>Own network</source>
        <translation>Eget nettverk</translation>
    </message>
    <message>
        <source>Own search</source>
        <translation>Egen søking</translation>
    </message>
    <message>
        <source>Partial</source>
        <translation>Delvis</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>På pause</translation>
    </message>
    <message>
        <source>Pending</source>
        <translation>Venter</translation>
    </message>
    <message>
        <source>Referred</source>
        <translation>Henvist</translation>
    </message>
    <message>
        <source>Self</source>
        <translation>Selvhenvist</translation>
    </message>
    <message>
        <source>Sheltered work</source>
        <translation>Varig tilrettelagt arbeid</translation>
    </message>
    <message>
        <source>Job specialist contacts employers</source>
        <translation>Jobbspesialisten kontakter arbeidsgivere</translation>
    </message>
    <message>
        <source>Specialist health service</source>
        <translation>Spesialisthelsetjenesten</translation>
    </message>
    <message>
        <source>Supported work</source>
        <translation>Arbeid med bistand</translation>
    </message>
    <message>
        <source>Video</source>
        <translation>Video</translation>
    </message>
    <message>
        <source>Weekly</source>
        <translation>Ukentlig</translation>
    </message>
    <message>
        <source>Ordinary work or education</source>
        <translation>Ordinært arbeid eller utdanning</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Clinical journals shared with %1: %2.</source>
        <translation>Kliniske journaler delt med %1: %2.</translation>
    </message>
    <message>
        <source>Connected. The team lead must approve this computer before it syncs.</source>
        <translation>Tilkoblet. Teamlederen må godkjenne denne maskinen før den synkroniserer.</translation>
    </message>
    <message>
        <source>Sharing the clinical journals…</source>
        <translation>Deler de kliniske journalene …</translation>
    </message>
    <message>
        <source>Computer revoked</source>
        <translation>Maskinen er trukket tilbake</translation>
    </message>
    <message>
        <source>Feltjournal</source>
        <translation>Feltjournal</translation>
    </message>
    <message>
        <source>&amp;Lock</source>
        <translation>&amp;Lås</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>&amp;Innstillinger…</translation>
    </message>
    <message>
        <source>S&amp;ync now</source>
        <translation>S&amp;ynkroniser nå</translation>
    </message>
    <message>
        <source>&amp;Connect to server…</source>
        <translation>&amp;Koble til server …</translation>
    </message>
    <message>
        <source>&amp;Feltjournal</source>
        <translation>&amp;Feltjournal</translation>
    </message>
    <message>
        <source>Share &amp;clinical journals…</source>
        <translation>Del &amp;kliniske journaler …</translation>
    </message>
    <message>
        <source>Job specialists&apos; &amp;FTE…</source>
        <translation>Jobbspesialistenes &amp;stillingsandeler …</translation>
    </message>
    <message numerus="yes">
        <source>%n failed attempt(s) since the last unlock.</source>
        <translation>
            <numerusform>%n mislykket forsøk siden sist du låste opp.</numerusform>
            <numerusform>%n mislykkede forsøk siden sist du låste opp.</numerusform>
        </translation>
    </message>
    <message>
        <source>The journal database cannot be used</source>
        <translation>Journaldatabasen kan ikke brukes</translation>
    </message>
    <message>
        <source>Restore this backup</source>
        <translation>Gjenopprett denne sikkerhetskopien</translation>
    </message>
    <message>
        <source>The daily backup could not be written.</source>
        <translation>Den daglige sikkerhetskopien kunne ikke lagres.</translation>
    </message>
    <message>
        <source>Unsaved text</source>
        <translation>Ulagret tekst</translation>
    </message>
    <message>
        <source>A note is still being saved. Close anyway?</source>
        <translation>Et notat lagres fortsatt. Vil du lukke likevel?</translation>
    </message>
</context>
<context>
    <name>MeetingSummary</name>
    <message>
        <source>NAV</source>
        <translation>Nav</translation>
    </message>
    <message>
        <source>GP</source>
        <translation>Fastlege</translation>
    </message>
    <message>
        <source>Employer</source>
        <translation>Arbeidsgiver</translation>
    </message>
    <message>
        <source>Family</source>
        <translation>Familie</translation>
    </message>
    <message>
        <source>The participant</source>
        <translation>Deltakeren</translation>
    </message>
    <message>
        <source>NAV</source>
        <comment>in a sentence</comment>
        <translation>Nav</translation>
    </message>
    <message>
        <source>GP</source>
        <comment>in a sentence</comment>
        <translation>fastlegen</translation>
    </message>
    <message>
        <source>Employer</source>
        <comment>in a sentence</comment>
        <translation>arbeidsgiveren</translation>
    </message>
    <message>
        <source>Family</source>
        <comment>in a sentence</comment>
        <translation>familien</translation>
    </message>
    <message>
        <source>The participant</source>
        <comment>in a sentence</comment>
        <translation>deltakeren</translation>
    </message>
    <message>
        <source>name</source>
        <translation>navn</translation>
    </message>
    <message>
        <source>job specialist</source>
        <translation>jobbspesialist</translation>
    </message>
    <message>
        <source>meeting dates</source>
        <translation>møtedatoer</translation>
    </message>
    <message>
        <source>programme and status</source>
        <translation>program og status</translation>
    </message>
    <message>
        <source>strategies</source>
        <translation>strategier</translation>
    </message>
    <message>
        <source>goals and open actions</source>
        <translation>mål og åpne steg</translation>
    </message>
    <message>
        <source>health-related goals and actions</source>
        <translation>helserelaterte mål og steg</translation>
    </message>
    <message>
        <source>employer contacts</source>
        <translation>arbeidsgiverkontakter</translation>
    </message>
    <message>
        <source>jobs</source>
        <translation>jobber</translation>
    </message>
    <message>
        <source>goals and open actions that are not health-related</source>
        <translation>mål og åpne steg som ikke er helserelaterte</translation>
    </message>
    <message>
        <source>This copy holds: %1. Never notes, sessions, worksheets or the referral. The print is recorded in the access log.</source>
        <translation>Denne kopien inneholder: %1. Aldri notater, samtaler, skjemaer eller henvisningen. Utskriften registreres i tilgangsloggen.</translation>
    </message>
    <message>
        <source>Choose the employer the summary is for.</source>
        <translation>Velg arbeidsgiveren oppsummeringen skal til.</translation>
    </message>
    <message>
        <source>The participant has not consented to this employer knowing about them, or their disclosure plan says not to. The summary was not made.</source>
        <translation>Deltakeren har ikke samtykket til at denne arbeidsgiveren får vite om deltakelsen, eller åpenhetsplanen sier at arbeidsgiveren ikke skal vite det. Oppsummeringen ble ikke laget.</translation>
    </message>
    <message>
        <source>There is no current consent to share with %1. The summary was not made.</source>
        <translation>Det finnes ikke noe gyldig samtykke til å dele med %1. Oppsummeringen ble ikke laget.</translation>
    </message>
    <message>
        <source>Collaboration meeting</source>
        <translation>Samarbeidsmøte</translation>
    </message>
    <message>
        <source>Prepared %1 for %2</source>
        <translation>Utarbeidet %1 for %2</translation>
    </message>
    <message>
        <source>Participant</source>
        <translation>Deltaker</translation>
    </message>
    <message>
        <source>Programme</source>
        <translation>Program</translation>
    </message>
    <message>
        <source>Job specialist</source>
        <translation>Jobbspesialist</translation>
    </message>
    <message>
        <source>Last meeting</source>
        <translation>Forrige møte</translation>
    </message>
    <message>
        <source>Next meeting</source>
        <translation>Neste møte</translation>
    </message>
    <message>
        <source>not set</source>
        <translation>ikke avtalt</translation>
    </message>
    <message>
        <source>None recorded.</source>
        <translation>Ingenting registrert.</translation>
    </message>
    <message>
        <source>Goals and open actions</source>
        <translation>Mål og åpne steg</translation>
    </message>
    <message>
        <source>overdue</source>
        <translation>over fristen</translation>
    </message>
    <message numerus="yes">
        <source>Job-search activity, last %n day(s)</source>
        <translation>
            <numerusform>Jobbsøking, siste %n dag</numerusform>
            <numerusform>Jobbsøking, siste %n dager</numerusform>
        </translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Dato</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>Kontaktform</translation>
    </message>
    <message>
        <source>Purpose</source>
        <translation>Formål</translation>
    </message>
    <message>
        <source>Jobs</source>
        <translation>Jobber</translation>
    </message>
    <message>
        <source>Job</source>
        <translation>Jobb</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Start</translation>
    </message>
    <message>
        <source>End</source>
        <translation>Slutt</translation>
    </message>
    <message>
        <source>Hours/week</source>
        <translation>Timer/uke</translation>
    </message>
    <message>
        <source>Chosen strategies: %1</source>
        <translation>Valgte strategier: %1</translation>
    </message>
    <message>
        <source>meeting-summary-%1.pdf</source>
        <comment>default file name; %1 is the date</comment>
        <translation>møteoppsummering-%1.pdf</translation>
    </message>
    <message>
        <source>Save meeting summary</source>
        <translation>Lagre møteoppsummering</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF-filer (*.pdf)</translation>
    </message>
</context>
<context>
    <name>MeetingSummaryDialog</name>
    <message>
        <source>Meeting summary</source>
        <translation>Møteoppsummering</translation>
    </message>
    <message>
        <source>&amp;For</source>
        <translation>&amp;Mottaker</translation>
    </message>
    <message>
        <source>Who the summary is for</source>
        <translation>Hvem oppsummeringen er til</translation>
    </message>
    <message>
        <source>&amp;Employer</source>
        <translation>&amp;Arbeidsgiver</translation>
    </message>
    <message>
        <source>Employer</source>
        <translation>Arbeidsgiver</translation>
    </message>
    <message>
        <source>&amp;Preview, as it will be printed</source>
        <translation>&amp;Forhåndsvisning, slik den skrives ut</translation>
    </message>
    <message>
        <source>Preview of the summary</source>
        <translation>Forhåndsvisning av oppsummeringen</translation>
    </message>
    <message>
        <source>&amp;Save as PDF…</source>
        <translation>&amp;Lagre som PDF…</translation>
    </message>
    <message>
        <source>The participant&apos;s own copy needs no consent.</source>
        <translation>Deltakerens egen kopi trenger ikke samtykke.</translation>
    </message>
    <message>
        <source>Nothing to show: this summary may not be made.</source>
        <translation>Ingenting å vise: denne oppsummeringen kan ikke lages.</translation>
    </message>
    <message>
        <source>Save asks where to put the file, starting in %1 (not a cloud-synced folder).</source>
        <translation>Lagre spør hvor filen skal ligge, og starter i %1 (ikke en mappe som synkroniseres til skyen).</translation>
    </message>
    <message>
        <source>That folder looks synced to %1: the summary would leave this computer. Choose another folder, or choose the same file again to save it there.</source>
        <translation>Den mappen ser ut til å synkroniseres til %1: oppsummeringen ville forlate denne maskinen. Velg en annen mappe, eller velg samme fil igjen for å lagre den der.</translation>
    </message>
    <message>
        <source>There is a current consent to share with %1.</source>
        <translation>Det finnes et gyldig samtykke til å dele med %1.</translation>
    </message>
</context>
<context>
    <name>MeetingsTab</name>
    <message>
        <source>Attendees</source>
        <translation>Til stede</translation>
    </message>
    <message>
        <source>&amp;Add meeting…</source>
        <translation>&amp;Nytt møte…</translation>
    </message>
    <message>
        <source>Meetings</source>
        <translation>Møter</translation>
    </message>
    <message>
        <source>Leave the next meeting empty when adding one: it is set three months on. The summary for the meeting is printed from the button at the top.</source>
        <translation>La «Neste møte» stå tomt når du legger inn et møte: det settes da tre måneder fram. Møteoppsummeringen skrives ut fra knappen øverst.</translation>
    </message>
</context>
<context>
    <name>MessageBar</name>
    <message>
        <source>Dismiss</source>
        <translation>Lukk</translation>
    </message>
    <message>
        <source>Dismiss the message</source>
        <translation>Lukk meldingen</translation>
    </message>
</context>
<context>
    <name>NewDeviceBar</name>
    <message>
        <source>Your new computer “%1” has been approved. Share the clinical journals with it?</source>
        <translation>Din nye datamaskin «%1» er godkjent. Del de kliniske journalene med den?</translation>
    </message>
    <message>
        <source>Share</source>
        <translation>Del</translation>
    </message>
    <message>
        <source>Not now</source>
        <translation>Ikke nå</translation>
    </message>
</context>
<context>
    <name>NewParticipantDialog</name>
    <message>
        <source>New participant</source>
        <translation>Ny deltaker</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Navn</translation>
    </message>
    <message>
        <source>Programme</source>
        <translation>Program</translation>
    </message>
    <message>
        <source>Birth date</source>
        <translation>Fødselsdato</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Telefon</translation>
    </message>
    <message>
        <source>Referred by</source>
        <translation>Henvist av</translation>
    </message>
    <message>
        <source>Referral received</source>
        <translation>Henvisning mottatt</translation>
    </message>
    <message>
        <source>Entry date</source>
        <translation>Inntaksdato</translation>
    </message>
    <message>
        <source>Consent: %1</source>
        <translation>Samtykke: %1</translation>
    </message>
    <message>
        <source>&amp;Name</source>
        <translation>&amp;Navn</translation>
    </message>
    <message>
        <source>&amp;Programme</source>
        <translation>&amp;Program</translation>
    </message>
    <message>
        <source>&amp;Birth date</source>
        <translation>&amp;Fødselsdato</translation>
    </message>
    <message>
        <source>P&amp;hone</source>
        <translation>&amp;Telefon</translation>
    </message>
    <message>
        <source>&amp;Referred by</source>
        <translation>&amp;Henvist av</translation>
    </message>
    <message>
        <source>Referral &amp;received</source>
        <translation>Henvisning &amp;mottatt</translation>
    </message>
    <message>
        <source>&amp;Entry date</source>
        <translation>&amp;Inntaksdato</translation>
    </message>
    <message>
        <source>Consents given</source>
        <translation>Samtykker gitt</translation>
    </message>
    <message>
        <source>The entry date starts the four-week clock for the first employer contact. A consent to talk to an employer is given later, for each employer.</source>
        <translation>Inntaksdatoen starter fireukersfristen for første arbeidsgiverkontakt. Samtykke til kontakt med en arbeidsgiver gis senere, for hver arbeidsgiver.</translation>
    </message>
    <message>
        <source>The referral cannot be received after the entry date.</source>
        <translation>Henvisningen kan ikke være mottatt etter inntaksdatoen.</translation>
    </message>
</context>
<context>
    <name>NoteEditor</name>
    <message>
        <source>Saving…</source>
        <translation>Lagrer…</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>Lagret %1</translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation>Ikke lagret: %1</translation>
    </message>
    <message>
        <source>Note editor</source>
        <translation>Notatredigering</translation>
    </message>
</context>
<context>
    <name>NotesTab</name>
    <message>
        <source>Notes</source>
        <translation>Notater</translation>
    </message>
    <message>
        <source>&amp;New note</source>
        <translation>&amp;Nytt notat</translation>
    </message>
    <message>
        <source>New note</source>
        <translation>Nytt notat</translation>
    </message>
    <message>
        <source>Filter notes</source>
        <translation>Filtrer notater</translation>
    </message>
    <message>
        <source>Notes, newest first</source>
        <translation>Notater, nyeste først</translation>
    </message>
    <message>
        <source>Delete note</source>
        <translation>Slett notat</translation>
    </message>
    <message>
        <source>Delete this note</source>
        <translation>Slett dette notatet</translation>
    </message>
    <message>
        <source>No notes yet. Write the first one on the right.</source>
        <translation>Ingen notater ennå. Skriv det første til høyre.</translation>
    </message>
    <message numerus="yes">
        <source>%n note(s)</source>
        <translation>
            <numerusform>%n notat</numerusform>
            <numerusform>%n notater</numerusform>
        </translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Notat</translation>
    </message>
    <message>
        <source>(empty note)</source>
        <translation>(tomt notat)</translation>
    </message>
</context>
<context>
    <name>OrgNumberInput</name>
    <message>
        <source>Organisation number</source>
        <translation>Organisasjonsnummer</translation>
    </message>
    <message>
        <source>Nine digits; may be left empty.</source>
        <translation>Ni sifre; kan stå tomt.</translation>
    </message>
    <message>
        <source>Only digits, please.</source>
        <translation>Bare sifre.</translation>
    </message>
    <message>
        <source>%1 of 9 digits.</source>
        <translation>%1 av 9 sifre.</translation>
    </message>
    <message>
        <source>An organisation number has 9 digits.</source>
        <translation>Et organisasjonsnummer har 9 sifre.</translation>
    </message>
    <message>
        <source>The check digit does not match. Please check the number.</source>
        <translation>Kontrollsifferet stemmer ikke. Kontroller nummeret.</translation>
    </message>
    <message>
        <source>✓ Valid organisation number.</source>
        <translation>✓ Gyldig organisasjonsnummer.</translation>
    </message>
</context>
<context>
    <name>OverviewTab</name>
    <message>
        <source>Referral</source>
        <translation>Henvisning</translation>
    </message>
    <message>
        <source>Episodes</source>
        <translation>Forløp</translation>
    </message>
    <message>
        <source>Consent to share</source>
        <translation>Samtykke til deling</translation>
    </message>
    <message>
        <source>Now</source>
        <translation>Nå</translation>
    </message>
    <message>
        <source>Disclosure plan</source>
        <translation>Åpenhetsplan</translation>
    </message>
    <message>
        <source>Agreed wording</source>
        <translation>Avtalt formulering</translation>
    </message>
    <message>
        <source>Six-month outcome</source>
        <translation>Status etter seks måneder</translation>
    </message>
    <message>
        <source>Overview</source>
        <translation>Oversikt</translation>
    </message>
    <message>
        <source>Participant</source>
        <translation>Deltaker</translation>
    </message>
    <message>
        <source>Nothing written in the career profile yet.</source>
        <translation>Ingenting skrevet i karriereprofilen ennå.</translation>
    </message>
    <message>
        <source>Written earlier on the overview, not yet in the career profile:</source>
        <translation>Skrevet tidligere i oversikten, ikke i karriereprofilen ennå:</translation>
    </message>
    <message>
        <source>Wishes written earlier on the overview</source>
        <translation>Ønsker skrevet tidligere i oversikten</translation>
    </message>
    <message>
        <source>Edit in the &amp;career profile</source>
        <translation>Endre i &amp;karriereprofilen</translation>
    </message>
    <message>
        <source>&amp;Move into the career profile</source>
        <translation>&amp;Flytt til karriereprofilen</translation>
    </message>
    <message>
        <source>Adds this text to the career profile&apos;s wishes and clears it here</source>
        <translation>Legger teksten til ønskene i karriereprofilen og tømmer den her</translation>
    </message>
    <message>
        <source>Withdraw</source>
        <translation>Trekk tilbake</translation>
    </message>
    <message>
        <source>Withdraw the selected consent</source>
        <translation>Trekk tilbake valgt samtykke</translation>
    </message>
    <message>
        <source>Marks the consent as withdrawn today</source>
        <translation>Markerer samtykket som trukket tilbake i dag</translation>
    </message>
    <message>
        <source>Withdrawn</source>
        <translation>Trukket tilbake</translation>
    </message>
    <message>
        <source>From %1</source>
        <translation>Fra %1</translation>
    </message>
    <message>
        <source>Current</source>
        <translation>Gjeldende</translation>
    </message>
</context>
<context>
    <name>ParticipantTab</name>
    <message>
        <source>New participant</source>
        <translation>Ny deltaker</translation>
    </message>
    <message>
        <source>New referral</source>
        <translation>Ny henvisning</translation>
    </message>
    <message>
        <source>New episode</source>
        <translation>Nytt forløp</translation>
    </message>
    <message>
        <source>New consent</source>
        <translation>Nytt samtykke</translation>
    </message>
    <message>
        <source>New disclosure plan</source>
        <translation>Ny åpenhetsplan</translation>
    </message>
    <message>
        <source>New career profile</source>
        <translation>Ny karriereprofil</translation>
    </message>
    <message>
        <source>New job-search plan</source>
        <translation>Ny jobbsøkingsplan</translation>
    </message>
    <message>
        <source>New goal</source>
        <translation>Nytt mål</translation>
    </message>
    <message>
        <source>New action</source>
        <translation>Nytt steg</translation>
    </message>
    <message>
        <source>New case note</source>
        <translation>Nytt notat</translation>
    </message>
    <message>
        <source>New therapy session</source>
        <translation>Ny terapisamtale</translation>
    </message>
    <message>
        <source>New addendum</source>
        <translation>Nytt tillegg</translation>
    </message>
    <message>
        <source>New CBT worksheet</source>
        <translation>Nytt CBT-skjema</translation>
    </message>
    <message>
        <source>New exposure plan</source>
        <translation>Ny eksponeringsplan</translation>
    </message>
    <message>
        <source>New employer</source>
        <translation>Ny arbeidsgiver</translation>
    </message>
    <message>
        <source>New contact person</source>
        <translation>Ny kontaktperson</translation>
    </message>
    <message>
        <source>New employer contact</source>
        <translation>Ny arbeidsgiverkontakt</translation>
    </message>
    <message>
        <source>New employer contact (job development)</source>
        <translation>Ny arbeidsgiverkontakt (jobbutvikling)</translation>
    </message>
    <message>
        <source>New activity</source>
        <translation>Ny aktivitet</translation>
    </message>
    <message>
        <source>New FTE setting</source>
        <translation>Ny stillingsandel</translation>
    </message>
    <message>
        <source>New team settings</source>
        <translation>Nye teaminnstillinger</translation>
    </message>
    <message>
        <source>New fidelity review</source>
        <translation>Ny vurdering av modelltrofasthet</translation>
    </message>
    <message>
        <source>New collaboration meeting</source>
        <translation>Nytt samarbeidsmøte</translation>
    </message>
    <message>
        <source>New job</source>
        <translation>Ny jobb</translation>
    </message>
    <message>
        <source>New follow-along contact</source>
        <translation>Ny oppfølgingskontakt</translation>
    </message>
    <message>
        <source>New self assessment</source>
        <translation>Ny egenvurdering</translation>
    </message>
    <message>
        <source>New six-month outcome</source>
        <translation>Ny status etter seks måneder</translation>
    </message>
    <message>
        <source>Deleted on another machine while edited here</source>
        <translation>Slettet på en annen maskin mens den ble endret her</translation>
    </message>
    <message>
        <source>Changed on two machines</source>
        <translation>Endret på to maskiner</translation>
    </message>
    <message>
        <source>Unknown employer</source>
        <translation>Ukjent arbeidsgiver</translation>
    </message>
    <message>
        <source>%1 deleted.</source>
        <translation>%1 slettet.</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>Angre</translation>
    </message>
    <message>
        <source>(not available here)</source>
        <translation>(ikke tilgjengelig her)</translation>
    </message>
    <message>
        <source>Review…</source>
        <translation>Gå gjennom…</translation>
    </message>
    <message>
        <source>Review changes</source>
        <translation>Gå gjennom endringer</translation>
    </message>
    <message>
        <source>Add…</source>
        <translation>Legg til…</translation>
    </message>
    <message>
        <source>Add %1</source>
        <translation>Legg til %1</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>Rediger…</translation>
    </message>
    <message>
        <source>Edit %1</source>
        <translation>Rediger %1</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Slett</translation>
    </message>
    <message>
        <source>Delete %1</source>
        <translation>Slett %1</translation>
    </message>
    <message>
        <source>Review changes…</source>
        <translation>Gå gjennom endringer…</translation>
    </message>
    <message>
        <source>None recorded yet.</source>
        <translation>Ingenting registrert ennå.</translation>
    </message>
    <message>
        <source>%1 list</source>
        <translation>Liste: %1</translation>
    </message>
    <message>
        <source>Choose one in the list, or add a new one.</source>
        <translation>Velg en oppføring i listen, eller legg til en ny.</translation>
    </message>
    <message>
        <source>Nothing here yet. Use the button above the list to add one.</source>
        <translation>Ingenting her ennå. Bruk knappen over listen for å legge til.</translation>
    </message>
</context>
<context>
    <name>ParticipantView</name>
    <message numerus="yes">
        <source>%n record(s) failed their integrity check and are not shown.</source>
        <translation>
            <numerusform>%n oppføring besto ikke integritetskontrollen og vises ikke.</numerusform>
            <numerusform>%n oppføringer besto ikke integritetskontrollen og vises ikke.</numerusform>
        </translation>
    </message>
    <message>
        <source>← &amp;Back</source>
        <translation>← &amp;Tilbake</translation>
    </message>
    <message>
        <source>Back to the list of participants</source>
        <translation>Tilbake til deltakerlisten</translation>
    </message>
    <message>
        <source>Back (Esc)</source>
        <translation>Tilbake (Esc)</translation>
    </message>
    <message>
        <source>Access &amp;log</source>
        <translation>Tilgangs&amp;logg</translation>
    </message>
    <message>
        <source>Access log</source>
        <translation>Tilgangslogg</translation>
    </message>
    <message>
        <source>Who has read or changed these records</source>
        <translation>Hvem som har lest eller endret disse opplysningene</translation>
    </message>
    <message>
        <source>&amp;Meeting summary (PDF)…</source>
        <translation>&amp;Møteoppsummering (PDF)…</translation>
    </message>
    <message>
        <source>Meeting summary as PDF</source>
        <translation>Møteoppsummering som PDF</translation>
    </message>
    <message>
        <source>Participant sections</source>
        <translation>Deltakerens faner</translation>
    </message>
    <message>
        <source>Job specialist: %1</source>
        <translation>Jobbspesialist: %1</translation>
    </message>
    <message>
        <source>Therapist: %1</source>
        <translation>Terapeut: %1</translation>
    </message>
    <message>
        <source>Participant %1</source>
        <translation>Deltaker %1</translation>
    </message>
    <message numerus="yes">
        <source>%n to review</source>
        <translation>
            <numerusform>%n til gjennomgang</numerusform>
            <numerusform>%n til gjennomgang</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n record(s) changed on two machines or deleted elsewhere</source>
        <translation>
            <numerusform>%n oppføring er endret på to maskiner eller slettet et annet sted</numerusform>
            <numerusform>%n oppføringer er endret på to maskiner eller slettet et annet sted</numerusform>
        </translation>
    </message>
    <message>
        <source>This participant was removed.</source>
        <translation>Denne deltakeren er fjernet.</translation>
    </message>
    <message>
        <source>Nothing to review for this record.</source>
        <translation>Ingenting å gå gjennom for denne oppføringen.</translation>
    </message>
    <message>
        <source>Writing the meeting summary…</source>
        <translation>Lager møteoppsummeringen…</translation>
    </message>
    <message>
        <source>Meeting summary saved to %1.</source>
        <translation>Møteoppsummeringen er lagret i %1.</translation>
    </message>
</context>
<context>
    <name>PlanTab</name>
    <message>
        <source>Job-search plan</source>
        <translation>Jobbsøkingsplan</translation>
    </message>
    <message>
        <source>Strategies the participant chose</source>
        <translation>Strategier deltakeren har valgt</translation>
    </message>
    <message>
        <source>Goals and actions</source>
        <translation>Mål og steg</translation>
    </message>
    <message>
        <source>Goal / action</source>
        <translation>Mål / steg</translation>
    </message>
    <message>
        <source>Health-related steps never go to NAV, an employer or family in a meeting summary; under a health-related goal everything counts as health-related.</source>
        <translation>Helserelaterte steg kommer aldri med i en møteoppsummering til Nav, arbeidsgiver eller familie; under et helserelatert mål regnes alt som helserelatert.</translation>
    </message>
    <message>
        <source>Goals, sub-goals and actions</source>
        <translation>Mål, delmål og steg</translation>
    </message>
    <message>
        <source>Add &amp;goal</source>
        <translation>&amp;Nytt mål</translation>
    </message>
    <message>
        <source>Add goal</source>
        <translation>Nytt mål</translation>
    </message>
    <message>
        <source>Add &amp;sub-goal</source>
        <translation>Nytt &amp;delmål</translation>
    </message>
    <message>
        <source>Add sub-goal to the selected goal</source>
        <translation>Legg til delmål under valgt mål</translation>
    </message>
    <message>
        <source>Add &amp;action</source>
        <translation>Nytt t&amp;iltak</translation>
    </message>
    <message>
        <source>Add action to the selected goal</source>
        <translation>Legg til steg under valgt mål</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Slett</translation>
    </message>
    <message>
        <source>Delete the selected goal or action</source>
        <translation>Slett valgt mål eller steg</translation>
    </message>
    <message>
        <source>Review changes…</source>
        <translation>Gå gjennom endringer…</translation>
    </message>
    <message>
        <source>Review changes</source>
        <translation>Gå gjennom endringer</translation>
    </message>
    <message>
        <source>Double-click or press F2 to change a title, owner, due date or status. Overdue actions are marked. Health-related steps stay out of the meeting summary for NAV, employers and family.</source>
        <translation>Dobbeltklikk eller trykk F2 for å endre tittel, ansvarlig, frist eller status. Steg med passert frist er markert. Helserelaterte steg holdes utenfor møteoppsummeringen til Nav, arbeidsgivere og familie.</translation>
    </message>
    <message>
        <source>(the goal is)</source>
        <translation>(målet er det)</translation>
    </message>
    <message>
        <source>Health-related through its goal</source>
        <translation>Helserelatert gjennom målet sitt</translation>
    </message>
    <message>
        <source>Sub-goal: %1</source>
        <translation>Delmål: %1</translation>
    </message>
    <message>
        <source>Goal: %1</source>
        <translation>Mål: %1</translation>
    </message>
    <message>
        <source>%1 · overdue</source>
        <translation>%1 · over fristen</translation>
    </message>
    <message>
        <source>Overdue since %1</source>
        <translation>Fristen gikk ut %1</translation>
    </message>
    <message>
        <source>Action: %1</source>
        <translation>Steg: %1</translation>
    </message>
    <message>
        <source>Not &amp;health-related</source>
        <translation>Ikke &amp;helserelatert</translation>
    </message>
    <message>
        <source>&amp;Health-related</source>
        <translation>&amp;Helserelatert</translation>
    </message>
    <message>
        <source>Mark the selected step as not health-related</source>
        <translation>Merk det valgte steget som ikke helserelatert</translation>
    </message>
    <message>
        <source>Mark the selected step as health-related</source>
        <translation>Merk det valgte steget som helserelatert</translation>
    </message>
    <message>
        <source>Mark &amp;open</source>
        <translation>Marker som å&amp;pen</translation>
    </message>
    <message>
        <source>Mark &amp;done</source>
        <translation>Marker som &amp;utført</translation>
    </message>
    <message>
        <source>Mark the selected action open</source>
        <translation>Marker valgt steg som åpent</translation>
    </message>
    <message>
        <source>Mark the selected action done</source>
        <translation>Marker valgt steg som utført</translation>
    </message>
    <message>
        <source>New goal</source>
        <translation>Nytt mål</translation>
    </message>
    <message>
        <source>Choose a goal first.</source>
        <translation>Velg et mål først.</translation>
    </message>
    <message>
        <source>New sub-goal</source>
        <translation>Nytt delmål</translation>
    </message>
    <message>
        <source>Choose a goal or sub-goal first.</source>
        <translation>Velg et mål eller delmål først.</translation>
    </message>
    <message>
        <source>New action</source>
        <translation>Nytt steg</translation>
    </message>
    <message>
        <source>Remove its sub-goals and actions first.</source>
        <translation>Fjern delmålene og stegene under først.</translation>
    </message>
</context>
<context>
    <name>Problems</name>
    <message>
        <source>is required</source>
        <translation>må fylles ut</translation>
    </message>
    <message>
        <source>must be text</source>
        <translation>må være tekst</translation>
    </message>
    <message>
        <source>is longer than %1 characters</source>
        <translation>er lengre enn %1 tegn</translation>
    </message>
    <message>
        <source>is not a phone number</source>
        <translation>er ikke et telefonnummer</translation>
    </message>
    <message>
        <source>is not an e-mail address</source>
        <translation>er ikke en e-postadresse</translation>
    </message>
    <message>
        <source>is not a STYRK-08 occupation code (4 or 7 digits)</source>
        <translation>er ikke en STYRK-08-yrkeskode (4 eller 7 sifre)</translation>
    </message>
    <message>
        <source>is not a date</source>
        <translation>er ikke en dato</translation>
    </message>
    <message>
        <source>must be a number</source>
        <translation>må være et tall</translation>
    </message>
    <message>
        <source>must be a whole number</source>
        <translation>må være et helt tall</translation>
    </message>
    <message>
        <source>must be at least %1</source>
        <translation>må være minst %1</translation>
    </message>
    <message>
        <source>must be at most %1</source>
        <translation>må være høyst %1</translation>
    </message>
    <message>
        <source>must be between %1 and %2</source>
        <translation>må være mellom %1 og %2</translation>
    </message>
    <message>
        <source>must be yes or no</source>
        <translation>må være ja eller nei</translation>
    </message>
    <message>
        <source>is not one of the choices</source>
        <translation>er ikke et av valgene</translation>
    </message>
    <message>
        <source>has a value that is not one of the choices</source>
        <translation>har en verdi som ikke er et av valgene</translation>
    </message>
    <message>
        <source>must be a list</source>
        <translation>må være en liste</translation>
    </message>
    <message>
        <source>must have exactly 11 digits</source>
        <translation>må ha nøyaktig 11 sifre</translation>
    </message>
    <message>
        <source>has a wrong first check digit</source>
        <translation>har feil første kontrollsiffer</translation>
    </message>
    <message>
        <source>has a wrong second check digit</source>
        <translation>har feil andre kontrollsiffer</translation>
    </message>
    <message>
        <source>has an impossible individual number</source>
        <translation>har et umulig individnummer</translation>
    </message>
    <message>
        <source>does not contain a valid date</source>
        <translation>inneholder ikke en gyldig dato</translation>
    </message>
    <message>
        <source>must have exactly 9 digits</source>
        <translation>må ha nøyaktig 9 sifre</translation>
    </message>
    <message>
        <source>has a wrong check digit</source>
        <translation>har feil kontrollsiffer</translation>
    </message>
    <message>
        <source>is after the entry date</source>
        <translation>er etter inntaksdatoen</translation>
    </message>
    <message>
        <source>is the same person as the one handing over</source>
        <translation>er samme person som den som overfører</translation>
    </message>
    <message>
        <source>has nobody to hand over</source>
        <translation>har ingen å overføre</translation>
    </message>
    <message>
        <source>has no space on this computer yet (connect it to the server first)</source>
        <translation>har ikke noe område på denne maskinen ennå (koble den til serveren først)</translation>
    </message>
    <message>
        <source>is not an item a team lead rates</source>
        <translation>er ikke et punkt teamlederen vurderer</translation>
    </message>
    <message>
        <source>must be chosen from the list, or added as a new one</source>
        <translation>må velges fra listen eller legges til som ny</translation>
    </message>
    <message>
        <source>must be the participant&apos;s name, exactly</source>
        <translation>må være deltakerens navn, nøyaktig</translation>
    </message>
    <message>
        <source>is not a field of this record type</source>
        <translation>er ikke et felt i denne posttypen</translation>
    </message>
    <message>
        <source>is not a record type</source>
        <translation>er ikke en posttype</translation>
    </message>
    <message>
        <source>is set only by signing the note</source>
        <translation>settes bare ved å signere notatet</translation>
    </message>
    <message>
        <source>cannot be signed</source>
        <translation>kan ikke signeres</translation>
    </message>
    <message>
        <source>is not valid</source>
        <translation>er ikke gyldig</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <comment>a field&apos;s label, then what is wrong</comment>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>Please check: %1</source>
        <translation>Kontroller: %1</translation>
    </message>
</context>
<context>
    <name>QGnomeTheme</name>
    <message>
        <source>&amp;OK</source>
        <translation>&amp;OK</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Lagre</translation>
    </message>
    <message>
        <source>&amp;Cancel</source>
        <translation>&amp;Avbryt</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>&amp;Lukk</translation>
    </message>
    <message>
        <source>Close without Saving</source>
        <translation>Lukk uten å lagre</translation>
    </message>
</context>
<context>
    <name>QPlatformTheme</name>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Lagre</translation>
    </message>
    <message>
        <source>Save All</source>
        <translation>Lagre alle</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Åpne</translation>
    </message>
    <message>
        <source>&amp;Yes</source>
        <translation>&amp;Ja</translation>
    </message>
    <message>
        <source>Yes to &amp;All</source>
        <translation>Ja til &amp;alle</translation>
    </message>
    <message>
        <source>&amp;No</source>
        <translation>&amp;Nei</translation>
    </message>
    <message>
        <source>N&amp;o to All</source>
        <translation>N&amp;ei til alle</translation>
    </message>
    <message>
        <source>Abort</source>
        <translation>Avbryt</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>Prøv igjen</translation>
    </message>
    <message>
        <source>Ignore</source>
        <translation>Ignorer</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Lukk</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Avbryt</translation>
    </message>
    <message>
        <source>Discard</source>
        <translation>Forkast</translation>
    </message>
    <message>
        <source>Help</source>
        <translation>Hjelp</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>Bruk</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>Tilbakestill</translation>
    </message>
    <message>
        <source>Restore Defaults</source>
        <translation>Gjenopprett standardverdier</translation>
    </message>
</context>
<context>
    <name>RecordForm</name>
    <message>
        <source>This record no longer exists here; it may have been deleted on another machine.</source>
        <translation>Denne oppføringen finnes ikke lenger her; den kan ha blitt slettet på en annen maskin.</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>Ja</translation>
    </message>
    <message>
        <source>No</source>
        <translation>Nei</translation>
    </message>
    <message>
        <source>(linked record)</source>
        <translation>(koblet oppføring)</translation>
    </message>
    <message numerus="yes">
        <source>%n item(s)</source>
        <translation>
            <numerusform>%n element</numerusform>
            <numerusform>%n elementer</numerusform>
        </translation>
    </message>
    <message>
        <source>(not available here)</source>
        <translation>(ikke tilgjengelig her)</translation>
    </message>
</context>
<context>
    <name>RecordReviewDialog</name>
    <message>
        <source>this computer</source>
        <translation>denne datamaskinen</translation>
    </message>
    <message>
        <source>another computer (%1)</source>
        <translation>en annen datamaskin (%1)</translation>
    </message>
    <message>
        <source>Review changes</source>
        <translation>Gå gjennom endringer</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Deleted on another machine while edited here.</source>
        <translation>Slettet på en annen maskin mens den ble endret her.</translation>
    </message>
    <message>
        <source>Keep it if the edit still matters; otherwise delete it again.</source>
        <translation>Behold den hvis endringen fortsatt er viktig; ellers sletter du den igjen.</translation>
    </message>
    <message>
        <source>&amp;Keep</source>
        <translation>&amp;Behold</translation>
    </message>
    <message>
        <source>Keep the record</source>
        <translation>Behold oppføringen</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>&amp;Slett</translation>
    </message>
    <message>
        <source>Delete the record</source>
        <translation>Slett oppføringen</translation>
    </message>
    <message>
        <source>These fields were changed on two machines at the same time. The value shown as current is kept unless you choose another.</source>
        <translation>Disse feltene ble endret på to maskiner samtidig. Verdien som vises som gjeldende, beholdes hvis du ikke velger en annen.</translation>
    </message>
    <message>
        <source>Current</source>
        <translation>Gjeldende</translation>
    </message>
    <message>
        <source>Keep current</source>
        <translation>Behold gjeldende</translation>
    </message>
    <message>
        <source>Keep the current %1</source>
        <translation>Behold gjeldende verdi for %1</translation>
    </message>
    <message>
        <source>written on %1, %2</source>
        <translation>skrevet på %1, %2</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Annen</translation>
    </message>
    <message>
        <source>Keep this value</source>
        <translation>Behold denne verdien</translation>
    </message>
    <message>
        <source>Keep %1 for %2</source>
        <translation>Behold %1 for %2</translation>
    </message>
    <message>
        <source>Nothing left to review.</source>
        <translation>Ikke mer å gå gjennom.</translation>
    </message>
</context>
<context>
    <name>ReportsView</name>
    <message>
        <source>Reports</source>
        <translation>Rapporter</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>Måned</translation>
    </message>
    <message>
        <source>Quarter</source>
        <translation>Kvartal</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>År</translation>
    </message>
    <message>
        <source>&amp;Period</source>
        <translation>&amp;Periode</translation>
    </message>
    <message>
        <source>&amp;Job specialist</source>
        <translation>&amp;Jobbspesialist</translation>
    </message>
    <message>
        <source>Kind of period</source>
        <translation>Type periode</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>Periode</translation>
    </message>
    <message>
        <source>Job specialist</source>
        <translation>Jobbspesialist</translation>
    </message>
    <message>
        <source>All job specialists</source>
        <translation>Alle jobbspesialister</translation>
    </message>
    <message>
        <source>&amp;Fidelity review…</source>
        <translation>&amp;Modelltrofasthet…</translation>
    </message>
    <message>
        <source>Rate the fidelity items the records cannot show for this period, and choose which exits stay out of the into-work share</source>
        <translation>Vurder punktene om modelltrofasthet som journalen ikke kan vise for perioden, og velg hvilke avslutninger som holdes utenfor andelen i arbeid</translation>
    </message>
    <message>
        <source>&amp;Export CSV…</source>
        <translation>&amp;Eksporter CSV…</translation>
    </message>
    <message>
        <source>Export figures as CSV</source>
        <translation>Eksporter tallene som CSV</translation>
    </message>
    <message>
        <source>Save the figures as de-identified statistics (no names)</source>
        <translation>Lagre tallene som avidentifisert statistikk (uten navn)</translation>
    </message>
    <message>
        <source>Send to the &amp;central team</source>
        <translation>Send til &amp;sentralt team</translation>
    </message>
    <message>
        <source>Send this period&apos;s de-identified figures to the central team now (they are also sent by themselves when a month or quarter has closed)</source>
        <translation>Send periodens avidentifiserte tall til sentralt team nå (de sendes også av seg selv når en måned eller et kvartal er over)</translation>
    </message>
    <message>
        <source>Report status</source>
        <translation>Rapportstatus</translation>
    </message>
    <message>
        <source>Fidelity summary</source>
        <translation>Sammendrag av modelltrofasthet</translation>
    </message>
    <message>
        <source>Indicator</source>
        <translation>Indikator</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Verdi</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>Skår</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>Mål</translation>
    </message>
    <message>
        <source>Indicators</source>
        <translation>Indikatorer</translation>
    </message>
    <message>
        <source>Choose an indicator to list the records behind it.</source>
        <translation>Velg en indikator for å se oppføringene bak den.</translation>
    </message>
    <message>
        <source>Records behind the chosen indicator</source>
        <translation>Oppføringer bak valgt indikator</translation>
    </message>
    <message>
        <source>Breakdown</source>
        <translation>Fordeling</translation>
    </message>
    <message>
        <source>Chart: into work per quarter</source>
        <translation>Diagram: overgang til arbeid per kvartal</translation>
    </message>
    <message>
        <source>Chart: employment rate per quarter</source>
        <translation>Diagram: andel i arbeid per kvartal</translation>
    </message>
    <message>
        <source>Chart: job starts per month</source>
        <translation>Diagram: jobbstarter per måned</translation>
    </message>
    <message>
        <source>Chart notes</source>
        <translation>Merknader til diagrammene</translation>
    </message>
    <message>
        <source>The report is built when you open this page.</source>
        <translation>Rapporten lages når du åpner denne siden.</translation>
    </message>
    <message>
        <source>Building…</source>
        <translation>Lager rapport…</translation>
    </message>
    <message>
        <source>all job specialists</source>
        <translation>alle jobbspesialister</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>Fidelity items</source>
        <translation>IPS-modelltrofasthet</translation>
    </message>
    <message>
        <source>Outcomes</source>
        <translation>Resultater</translation>
    </message>
    <message>
        <source>No fidelity item could be scored for this period.</source>
        <translation>Ingen indikator for modelltrofasthet kunne skåres for denne perioden.</translation>
    </message>
    <message>
        <source>Fidelity (IPS-25): %1 of 125 points, %2</source>
        <translation>Modelltrofasthet (IPS-25): %1 av 125 poeng, %2</translation>
    </message>
    <message>
        <source>Fidelity (IPS-25), partial: %1 of %2 points on %3 of 25 items</source>
        <translation>Modelltrofasthet (IPS-25), delvis: %1 av %2 poeng på %3 av 25 punkter</translation>
    </message>
    <message>
        <source>computed from the records: %1</source>
        <translation>beregnet fra journalen: %1</translation>
    </message>
    <message>
        <source>rated by the team lead: %1</source>
        <translation>vurdert av teamleder: %1</translation>
    </message>
    <message>
        <source>no data this period: %1</source>
        <translation>uten data i perioden: %1</translation>
    </message>
    <message>
        <source>not rated yet: %1</source>
        <translation>ikke vurdert ennå: %1</translation>
    </message>
    <message>
        <source>Estimate for the full scale: %1 of 125 (%2), not a fidelity review.</source>
        <translation>Anslag for hele skalaen: %1 av 125 (%2), ikke en måling av modelltrofasthet.</translation>
    </message>
    <message>
        <source>Records behind a figure</source>
        <translation>Oppføringer bak tallet</translation>
    </message>
    <message>
        <source>Choose an indicator to list the participants or contacts behind it.</source>
        <translation>Velg en indikator for å se deltakerne eller kontaktene bak den.</translation>
    </message>
    <message>
        <source>target %1</source>
        <translation>mål %1</translation>
    </message>
    <message numerus="yes">
        <source>%n record(s)</source>
        <translation>
            <numerusform>%n oppføring</numerusform>
            <numerusform>%n oppføringer</numerusform>
        </translation>
    </message>
    <message>
        <source>No records behind this figure in the period.</source>
        <translation>Ingen oppføringer bak dette tallet i perioden.</translation>
    </message>
    <message>
        <source>%1: no data for %2</source>
        <translation>%1: ingen data for %2</translation>
    </message>
    <message>
        <source>Into work per quarter</source>
        <translation>Overgang til arbeid per kvartal</translation>
    </message>
    <message>
        <source>Into work</source>
        <translation>Overgang til arbeid</translation>
    </message>
    <message>
        <source>Target %1 %</source>
        <translation>Mål %1 %</translation>
    </message>
    <message>
        <source>Employment rate per quarter</source>
        <translation>Andel i arbeid per kvartal</translation>
    </message>
    <message>
        <source>Employment rate</source>
        <translation>Andel i arbeid</translation>
    </message>
    <message>
        <source>IPS average %1 %</source>
        <translation>IPS-snitt %1 %</translation>
    </message>
    <message>
        <source>Job starts per month, %1–%2</source>
        <translation>Jobbstarter per måned, %1–%2</translation>
    </message>
    <message>
        <source>Job starts</source>
        <translation>Jobbstarter</translation>
    </message>
    <message>
        <source>The figures for %1 go to the central team at the next sync (version %2).</source>
        <translation>Tallene for %1 sendes til sentralt team ved neste synkronisering (versjon %2).</translation>
    </message>
    <message>
        <source>Export figures</source>
        <translation>Eksporter tall</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV-filer (*.csv)</translation>
    </message>
    <message>
        <source>The file could not be saved: %1</source>
        <translation>Filen kunne ikke lagres: %1</translation>
    </message>
    <message numerus="yes">
        <source>Saved %n figure(s) to %1.</source>
        <translation>
            <numerusform>Lagret %n tall i %1.</numerusform>
            <numerusform>Lagret %n tall i %1.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SearchResults</name>
    <message numerus="yes">
        <source>Found in the journal: %n record(s)</source>
        <translation>
            <numerusform>Funnet i journalen: %n post</numerusform>
            <numerusform>Funnet i journalen: %n poster</numerusform>
        </translation>
    </message>
    <message>
        <source>Search hits: why each person matched</source>
        <translation>Søketreff: hvorfor hver person ble funnet</translation>
    </message>
</context>
<context>
    <name>SessionsTab</name>
    <message>
        <source>Sessions</source>
        <translation>Samtaler</translation>
    </message>
    <message>
        <source>&amp;New session</source>
        <translation>&amp;Ny samtale</translation>
    </message>
    <message>
        <source>New session</source>
        <translation>Ny samtale</translation>
    </message>
    <message>
        <source>Sessions, newest first</source>
        <translation>Samtaler, nyeste først</translation>
    </message>
    <message>
        <source>&amp;Sign…</source>
        <translation>&amp;Signer…</translation>
    </message>
    <message>
        <source>Sign this session note</source>
        <translation>Signer dette samtalenotatet</translation>
    </message>
    <message>
        <source>Add a&amp;ddendum</source>
        <translation>Nytt t&amp;illegg</translation>
    </message>
    <message>
        <source>Add an addendum to this session</source>
        <translation>Legg til et tillegg til denne samtalen</translation>
    </message>
    <message>
        <source>Addenda</source>
        <translation>Tillegg</translation>
    </message>
    <message>
        <source>Addenda to this session</source>
        <translation>Tillegg til denne samtalen</translation>
    </message>
    <message>
        <source>No sessions yet.</source>
        <translation>Ingen samtaler ennå.</translation>
    </message>
    <message numerus="yes">
        <source>%n session(s)</source>
        <translation>
            <numerusform>%n samtale</numerusform>
            <numerusform>%n samtaler</numerusform>
        </translation>
    </message>
    <message>
        <source>A new session note. It is saved as you write.</source>
        <translation>Et nytt samtalenotat. Det lagres mens du skriver.</translation>
    </message>
    <message>
        <source>Signed %1 by %2. Read only; corrections go in an addendum.</source>
        <translation>Signert %1 av %2. Skrivebeskyttet; rettelser skrives i et tillegg.</translation>
    </message>
    <message>
        <source>Draft. Saved as you write; sign it when it is finished.</source>
        <translation>Utkast. Lagres mens du skriver; signer når det er ferdig.</translation>
    </message>
    <message numerus="yes">
        <source>%n session(s) held; no planned number yet (5–15)</source>
        <translation>
            <numerusform>%n samtale holdt; antall ikke planlagt ennå (5–15)</numerusform>
            <numerusform>%n samtaler holdt; antall ikke planlagt ennå (5–15)</numerusform>
        </translation>
    </message>
    <message>
        <source>Held %1 of %2 planned</source>
        <translation>Holdt %1 av %2 planlagte</translation>
    </message>
    <message numerus="yes">
        <source>%n left</source>
        <translation>
            <numerusform>%n igjen</numerusform>
            <numerusform>%n igjen</numerusform>
        </translation>
    </message>
    <message>
        <source>next session %1</source>
        <translation>neste samtale %1</translation>
    </message>
    <message>
        <source>signed</source>
        <translation>signert</translation>
    </message>
    <message>
        <source>draft</source>
        <translation>utkast</translation>
    </message>
    <message>
        <source>Session %1 · %2</source>
        <translation>Samtale %1 · %2</translation>
    </message>
    <message>
        <source>Sign session note</source>
        <translation>Signer samtalenotat</translation>
    </message>
    <message>
        <source>Sign this session note?</source>
        <translation>Vil du signere dette samtalenotatet?</translation>
    </message>
    <message>
        <source>A signed note cannot be changed or deleted. Corrections go in an addendum.</source>
        <translation>Et signert notat kan ikke endres eller slettes. Rettelser skrives i et tillegg.</translation>
    </message>
    <message>
        <source>Sign</source>
        <translation>Signer</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>Innstillinger</translation>
    </message>
    <message>
        <source> min</source>
        <translation> min</translation>
    </message>
    <message>
        <source>Back up once a day</source>
        <translation>Ta sikkerhetskopi én gang i døgnet</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Språk</translation>
    </message>
    <message>
        <source>Lock after idle</source>
        <translation>Lås etter inaktivitet</translation>
    </message>
    <message>
        <source>Server address</source>
        <translation>Serveradresse</translation>
    </message>
    <message>
        <source>Backups to keep</source>
        <translation>Sikkerhetskopier som beholdes</translation>
    </message>
</context>
<context>
    <name>SetupView</name>
    <message>
        <source>Welcome to Feltjournal</source>
        <translation>Velkommen til Feltjournal</translation>
    </message>
    <message>
        <source>Everything you write is encrypted on this computer. Choose a passphrase you can remember: nobody, not even the central team, can recover it.</source>
        <translation>Alt du skriver, krypteres på denne datamaskinen. Velg en passordfrase du husker: ingen, heller ikke det sentrale teamet, kan gjenopprette den.</translation>
    </message>
    <message>
        <source>Your &amp;name</source>
        <translation>Ditt &amp;navn</translation>
    </message>
    <message>
        <source>&amp;Role</source>
        <translation>&amp;Rolle</translation>
    </message>
    <message>
        <source>&amp;Passphrase</source>
        <translation>&amp;Passordfrase</translation>
    </message>
    <message>
        <source>Repeat pa&amp;ssphrase</source>
        <translation>&amp;Gjenta passordfrasen</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Språk</translation>
    </message>
    <message>
        <source>Job specialist</source>
        <translation>Jobbspesialist</translation>
    </message>
    <message>
        <source>Therapist</source>
        <translation>Terapeut</translation>
    </message>
    <message>
        <source>Team lead</source>
        <translation>Teamleder</translation>
    </message>
    <message>
        <source>Central team (figures only)</source>
        <translation>Sentralt team (bare tall)</translation>
    </message>
    <message>
        <source>Your name</source>
        <translation>Ditt navn</translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation>Passordfrase</translation>
    </message>
    <message>
        <source>Repeat passphrase</source>
        <translation>Gjenta passordfrasen</translation>
    </message>
    <message>
        <source>This computer has no secure keyring. You can keep the device key in a file in the profile instead; then only your passphrase protects a copied profile.</source>
        <translation>Denne datamaskinen har ingen sikker nøkkelring. Du kan i stedet lagre enhetsnøkkelen i en fil i profilen; da er det bare passordfrasen som beskytter en kopiert profil.</translation>
    </message>
    <message>
        <source>Keep the device key in a file (less secure)</source>
        <translation>Lagre enhetsnøkkelen i en fil (mindre sikkert)</translation>
    </message>
    <message>
        <source>&amp;Create profile</source>
        <translation>&amp;Opprett profil</translation>
    </message>
    <message numerus="yes">
        <source>At least %n characters; a sentence is best.</source>
        <translation>
            <numerusform>Minst %n tegn; en hel setning er best.</numerusform>
            <numerusform>Minst %n tegn; en hel setning er best.</numerusform>
        </translation>
    </message>
    <message>
        <source>Strength: weak</source>
        <translation>Styrke: svak</translation>
    </message>
    <message>
        <source>Strength: fair</source>
        <translation>Styrke: middels</translation>
    </message>
    <message>
        <source>Strength: strong</source>
        <translation>Styrke: sterk</translation>
    </message>
    <message>
        <source>Please write your name.</source>
        <translation>Skriv inn navnet ditt.</translation>
    </message>
    <message numerus="yes">
        <source>The passphrase must have at least %n characters.</source>
        <translation>
            <numerusform>Passordfrasen må ha minst %n tegn.</numerusform>
            <numerusform>Passordfrasen må ha minst %n tegn.</numerusform>
        </translation>
    </message>
    <message>
        <source>The two passphrases are not the same.</source>
        <translation>De to passordfrasene er ikke like.</translation>
    </message>
    <message>
        <source>Choose the file keystore, or set up a keyring first.</source>
        <translation>Velg å lagre nøkkelen i en fil, eller sett opp en nøkkelring først.</translation>
    </message>
</context>
<context>
    <name>ShareClinicalDialog</name>
    <message>
        <source>Share clinical journals</source>
        <translation>Del kliniske journaler</translation>
    </message>
    <message>
        <source>Therapist</source>
        <translation>Terapeut</translation>
    </message>
    <message>
        <source>Every clinical journal held on this computer is shared with the approved computers of the therapist you choose (yourself: your new laptop). Only a therapist&apos;s computer can receive them. A clinical journal that is on one computer only is lost with that computer.</source>
        <translation>Alle kliniske journaler på denne maskinen deles med de godkjente maskinene til terapeuten du velger (deg selv: din nye maskin). Bare en terapeuts maskin kan ta imot dem. En klinisk journal som bare finnes på én maskin, går tapt med den maskinen.</translation>
    </message>
    <message>
        <source>&amp;Therapist</source>
        <translation>&amp;Terapeut</translation>
    </message>
    <message>
        <source>Share</source>
        <translation>Del</translation>
    </message>
    <message>
        <source>Choose or type a therapist.</source>
        <translation>Velg eller skriv en terapeut.</translation>
    </message>
</context>
<context>
    <name>StrandedBar</name>
    <message>
        <source>Bring them into this team</source>
        <translation>Ta med i dette teamet</translation>
    </message>
    <message numerus="yes">
        <source>Bring %n record(s) written for another team into this team?</source>
        <translation>
            <numerusform>Ta med %n oppføring skrevet for et annet team i dette teamet?</numerusform>
            <numerusform>Ta med %n oppføringer skrevet for et annet team i dette teamet?</numerusform>
        </translation>
    </message>
    <message>
        <source>They are written again under this team&apos;s key and sent at the next sync; the copies for the old team, which no server takes, are removed from this computer.</source>
        <translation>De skrives på nytt under dette teamets nøkkel og sendes ved neste synkronisering; kopiene for det gamle teamet, som ingen server tar imot, fjernes fra denne maskinen.</translation>
    </message>
    <message>
        <source>Nothing is left to bring into this team.</source>
        <translation>Det er ingenting igjen å ta med i dette teamet.</translation>
    </message>
    <message numerus="yes">
        <source>%n record(s) (%1) stay as they are: only a team lead may bring the team&apos;s settings, FTEs and fidelity reviews into the team.</source>
        <translation>
            <numerusform>%n oppføring (%1) blir som den er: bare en teamleder kan ta teamets innstillinger, stillingsandeler og vurderinger av modelltrofasthet med i teamet.</numerusform>
            <numerusform>%n oppføringer (%1) blir som de er: bare en teamleder kan ta teamets innstillinger, stillingsandeler og vurderinger av modelltrofasthet med i teamet.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n report snapshot(s) of the old team are left out: this team&apos;s own are published at the next sync.</source>
        <translation>
            <numerusform>%n rapportøyeblikksbilde fra det gamle teamet utelates: dette teamets egne publiseres ved neste synkronisering.</numerusform>
            <numerusform>%n rapportøyeblikksbilder fra det gamle teamet utelates: dette teamets egne publiseres ved neste synkronisering.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n record(s) cannot be read on this computer and stay as they are.</source>
        <translation>
            <numerusform>%n oppføring kan ikke leses på denne maskinen og blir som den er.</numerusform>
            <numerusform>%n oppføringer kan ikke leses på denne maskinen og blir som de er.</numerusform>
        </translation>
    </message>
    <message>
        <source>Bringing the changes into this team…</source>
        <translation>Tar med endringene i dette teamet …</translation>
    </message>
    <message>
        <source>This computer does not hold this team&apos;s key yet: sync again once a team lead has approved it.</source>
        <translation>Maskinen har ikke teamets nøkkel ennå: synkroniser igjen når en teamleder har godkjent den.</translation>
    </message>
    <message>
        <source>This computer is not connected to a server.</source>
        <translation>Maskinen er ikke koblet til en server.</translation>
    </message>
    <message numerus="yes">
        <source>%n record(s) brought into this team; they are sent now.</source>
        <translation>
            <numerusform>%n oppføring tatt med i dette teamet; den sendes nå.</numerusform>
            <numerusform>%n oppføringer tatt med i dette teamet; de sendes nå.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n of them replaced an older copy already in this team.</source>
        <translation>
            <numerusform>%n av dem erstattet en eldre utgave som alt fantes i dette teamet.</numerusform>
            <numerusform>%n av dem erstattet eldre utgaver som alt fantes i dette teamet.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n left out: the copy already in this team is newer.</source>
        <translation>
            <numerusform>%n utelatt: utgaven som alt finnes i dette teamet, er nyere.</numerusform>
            <numerusform>%n utelatt: utgavene som alt finnes i dette teamet, er nyere.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) written for another team are kept on this computer; the server will not take them.</source>
        <translation>
            <numerusform>%n endring skrevet for et annet team er tatt vare på her; serveren tar ikke imot den.</numerusform>
            <numerusform>%n endringer skrevet for et annet team er tatt vare på her; serveren tar ikke imot dem.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SyncTexts</name>
    <message>
        <source>No connection to the server. Your changes are kept on this computer and sync when the connection is back.</source>
        <translation>Ingen forbindelse med serveren. Endringene dine er lagret på denne maskinen og synkroniseres når forbindelsen er tilbake.</translation>
    </message>
    <message>
        <source>The computer&apos;s clock is wrong, so the server refused some changes. Set the date and time (automatic time is best); they sync after that.</source>
        <translation>Klokken på maskinen går feil, så serveren avviste noen endringer. Still dato og klokkeslett (helst automatisk); da synkroniseres de.</translation>
    </message>
    <message>
        <source>This computer is waiting for the team lead&apos;s approval.</source>
        <translation>Maskinen venter på godkjenning fra teamlederen.</translation>
    </message>
    <message>
        <source>This computer has been revoked by the team lead. Its keys have been erased and the journal can no longer be opened here; the data is kept on the server.</source>
        <translation>Teamlederen har trukket tilbake denne maskinen. Nøklene er slettet, og journalen kan ikke lenger åpnes her; dataene er bevart på serveren.</translation>
    </message>
    <message>
        <source>The server does not know this computer (was the server replaced?). Ask the central team for a new enrolment code.</source>
        <translation>Serveren kjenner ikke denne maskinen (er serveren byttet ut?). Be det sentrale teamet om en ny registreringskode.</translation>
    </message>
    <message>
        <source>The server is busy; sync is tried again shortly.</source>
        <translation>Serveren er opptatt; synkroniseringen prøves igjen om litt.</translation>
    </message>
    <message>
        <source>The server answered something unreadable; nothing was lost.</source>
        <translation>Serveren svarte noe uleselig; ingenting gikk tapt.</translation>
    </message>
    <message>
        <source>Sync is paused: the server no longer has changes it sent to this computer before. Nothing here was changed or deleted. Ask the central team, then resume with feltjournal sync --resume.</source>
        <translation>Synkroniseringen står stille: serveren mangler endringer den har sendt til denne maskinen før. Ingenting her er endret eller slettet. Spør sentralteamet, og fortsett deretter med feltjournal sync --resume.</translation>
    </message>
    <message>
        <source>This is not your organisation&apos;s server (its key does not match the code). Nothing was stored; check the address.</source>
        <translation>Dette er ikke organisasjonens server (nøkkelen passer ikke med koden). Ingenting ble lagret; sjekk adressen.</translation>
    </message>
    <message>
        <source>The enrolment code is not complete: it ends in a dot and 16 characters, as the central team gave it.</source>
        <translation>Registreringskoden er ikke fullstendig: den slutter med et punktum og 16 tegn, slik det sentrale teamet ga den.</translation>
    </message>
    <message>
        <source>The enrolment code is wrong, used or expired. Ask the central team for a new one.</source>
        <translation>Registreringskoden er feil, brukt eller utløpt. Be det sentrale teamet om en ny.</translation>
    </message>
    <message>
        <source>The enrolment code is for another role than this profile&apos;s.</source>
        <translation>Registreringskoden gjelder en annen rolle enn denne profilens.</translation>
    </message>
    <message>
        <source>This computer is already connected to a server.</source>
        <translation>Maskinen er allerede koblet til en server.</translation>
    </message>
    <message>
        <source>This computer is not connected to a server.</source>
        <translation>Maskinen er ikke koblet til en server.</translation>
    </message>
    <message>
        <source>The server failed; your changes are kept. Sync is tried again later.</source>
        <translation>Serveren feilet; endringene dine er bevart. Synkroniseringen prøves igjen senere.</translation>
    </message>
    <message>
        <source>Sync failed; your changes are kept on this computer.</source>
        <translation>Synkroniseringen feilet; endringene dine er lagret på denne maskinen.</translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) not yet synced</source>
        <translation>
            <numerusform>%n endring ikke synkronisert ennå</numerusform>
            <numerusform>%n endringer ikke synkronisert ennå</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) kept on this computer</source>
        <translation>
            <numerusform>%n endring lagret på denne maskinen</numerusform>
            <numerusform>%n endringer lagret på denne maskinen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>next try in %n s</source>
        <translation>
            <numerusform>nytt forsøk om %n s</numerusform>
            <numerusform>nytt forsøk om %n s</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n record(s) cannot be read</source>
        <translation>
            <numerusform>%n oppføring kan ikke leses</numerusform>
            <numerusform>%n oppføringer kan ikke leses</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n record(s) cannot be read on this computer: it lacks their key.</source>
        <translation>
            <numerusform>%n oppføring kan ikke leses på denne maskinen: den mangler nøkkelen.</numerusform>
            <numerusform>%n oppføringer kan ikke leses på denne maskinen: den mangler nøkkelen.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>This concerns %n participant(s).</source>
        <translation>
            <numerusform>Det gjelder %n deltaker.</numerusform>
            <numerusform>Det gjelder %n deltakere.</numerusform>
        </translation>
    </message>
    <message>
        <source>Ask a colleague who has access, or the team lead, to sync; then sync again.</source>
        <translation>Be en kollega som har tilgang, eller teamlederen, om å synkronisere, og synkroniser deretter igjen.</translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) the server will not take</source>
        <translation>
            <numerusform>%n endring serveren ikke tar imot</numerusform>
            <numerusform>%n endringer serveren ikke tar imot</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) were written for another team than this server&apos;s (before this computer was enrolled, or with a server it used before); the server will not take them, but they are kept here: bring them into this team with the button beside (or “feltjournal sync --adopt-stranded”).</source>
        <translation>
            <numerusform>%n endring ble skrevet for et annet team enn serverens (før maskinen ble registrert, eller hos en server den brukte før); serveren tar ikke imot den, men den er tatt vare på her: ta den med i dette teamet med knappen ved siden av (eller «feltjournal sync --adopt-stranded»).</numerusform>
            <numerusform>%n endringer ble skrevet for et annet team enn serverens (før maskinen ble registrert, eller hos en server den brukte før); serveren tar ikke imot dem, men de er tatt vare på her: ta dem med i dette teamet med knappen ved siden av (eller «feltjournal sync --adopt-stranded»).</numerusform>
        </translation>
    </message>
    <message>
        <source>Not connected to a server</source>
        <translation>Ikke koblet til server</translation>
    </message>
    <message>
        <source>Everything you write is kept, encrypted, on this computer only. To sync with your team, connect it to the server: Feltjournal → Connect to server…</source>
        <translation>Alt du skriver, lagres kryptert bare på denne maskinen. For å synkronisere med teamet ditt kobler du den til serveren: Feltjournal → Koble til server …</translation>
    </message>
    <message>
        <source>Nothing syncs: this computer is not connected to a server (Feltjournal → Connect to server…).</source>
        <translation>Ingenting synkroniseres: maskinen er ikke koblet til en server (Feltjournal → Koble til server …).</translation>
    </message>
    <message>
        <source>Sync is not running on this computer; lock and unlock to start it.</source>
        <translation>Synkroniseringen kjører ikke på denne maskinen; lås og lås opp for å starte den.</translation>
    </message>
    <message>
        <source>Syncing…</source>
        <translation>Synkroniserer …</translation>
    </message>
    <message>
        <source>Synced %1</source>
        <translation>Synkronisert %1</translation>
    </message>
    <message>
        <source>Not synced yet</source>
        <translation>Ikke synkronisert ennå</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>Frakoblet</translation>
    </message>
    <message>
        <source>Sync problem</source>
        <translation>Problem med synkroniseringen</translation>
    </message>
    <message>
        <source>The computer&apos;s clock is wrong</source>
        <translation>Klokken på maskinen går feil</translation>
    </message>
    <message>
        <source>Waiting for the team lead&apos;s approval</source>
        <translation>Venter på godkjenning fra teamlederen</translation>
    </message>
    <message>
        <source>Last sync: %1</source>
        <translation>Sist synkronisert: %1</translation>
    </message>
    <message>
        <source>Click to sync now.</source>
        <translation>Klikk for å synkronisere nå.</translation>
    </message>
    <message>
        <source>Sync status</source>
        <translation>Synkroniseringsstatus</translation>
    </message>
</context>
<context>
    <name>TaskRunner</name>
    <message>
        <source>Cancel</source>
        <translation>Avbryt</translation>
    </message>
</context>
<context>
    <name>TeamRecordDialog</name>
    <message>
        <source>New employer</source>
        <translation>Ny arbeidsgiver</translation>
    </message>
    <message>
        <source>Edit employer</source>
        <translation>Rediger arbeidsgiver</translation>
    </message>
    <message>
        <source>New contact person</source>
        <translation>Ny kontaktperson</translation>
    </message>
    <message>
        <source>Edit contact person</source>
        <translation>Rediger kontaktperson</translation>
    </message>
    <message>
        <source>%1 *</source>
        <translation>%1 *</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Lagre</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Avbryt</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Melding</translation>
    </message>
    <message>
        <source>Please correct the organisation number.</source>
        <translation>Rett opp organisasjonsnummeret.</translation>
    </message>
</context>
<context>
    <name>TextVersionsDialog</name>
    <message>
        <source>Changed on two machines</source>
        <translation>Endret på to maskiner</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>This text was changed on this computer and on another one at the same time. Both changes are in the text now. The text as it was on this computer before is kept below: restore it, or keep the text as it is now.</source>
        <translation>Denne teksten ble endret på denne datamaskinen og på en annen samtidig. Begge endringene står i teksten nå. Teksten slik den var på denne datamaskinen før, er tatt vare på nedenfor: gjenopprett den, eller behold teksten slik den er nå.</translation>
    </message>
    <message>
        <source>Now, with both changes</source>
        <translation>Nå, med begge endringene</translation>
    </message>
    <message>
        <source>%1 now</source>
        <translation>%1 nå</translation>
    </message>
    <message>
        <source>&amp;Keep the text as it is now</source>
        <translation>&amp;Behold teksten slik den er nå</translation>
    </message>
    <message>
        <source>Keep %1 as it is now</source>
        <translation>Behold %1 slik den er nå</translation>
    </message>
    <message>
        <source>Before, on this computer (written %1)</source>
        <translation>Før, på denne datamaskinen (skrevet %1)</translation>
    </message>
    <message>
        <source>%1 before</source>
        <translation>%1 før</translation>
    </message>
    <message>
        <source>&amp;Restore this version</source>
        <translation>&amp;Gjenopprett denne versjonen</translation>
    </message>
    <message>
        <source>Restore the earlier %1</source>
        <translation>Gjenopprett forrige versjon av %1</translation>
    </message>
    <message>
        <source>Nothing left to review.</source>
        <translation>Ikke mer å gå gjennom.</translation>
    </message>
</context>
<context>
    <name>UnlockView</name>
    <message>
        <source>Feltjournal is locked</source>
        <translation>Feltjournal er låst</translation>
    </message>
    <message>
        <source>Unlock to continue, %1.</source>
        <translation>Lås opp for å fortsette, %1.</translation>
    </message>
    <message>
        <source>Unlock to continue.</source>
        <translation>Lås opp for å fortsette.</translation>
    </message>
    <message>
        <source>&amp;Passphrase</source>
        <translation>&amp;Passordfrase</translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation>Passordfrase</translation>
    </message>
    <message>
        <source>&amp;Unlock</source>
        <translation>&amp;Lås opp</translation>
    </message>
</context>
<context>
    <name>VisitFormDialog</name>
    <message>
        <source>Log a visit</source>
        <translation>Registrer besøk</translation>
    </message>
    <message>
        <source>Log an employer visit</source>
        <translation>Registrer bedriftsbesøk</translation>
    </message>
    <message>
        <source>&amp;Employer</source>
        <translation>&amp;Arbeidsgiver</translation>
    </message>
    <message>
        <source>&amp;Date</source>
        <translation>&amp;Dato</translation>
    </message>
    <message>
        <source>&amp;Mode</source>
        <translation>&amp;Kontaktform</translation>
    </message>
    <message>
        <source>P&amp;urpose</source>
        <translation>&amp;Formål</translation>
    </message>
    <message>
        <source>&amp;Participant</source>
        <translation>D&amp;eltaker</translation>
    </message>
    <message>
        <source>M&amp;inutes</source>
        <translation>&amp;Minutter</translation>
    </message>
    <message>
        <source>&amp;Outcome</source>
        <translation>&amp;Resultat</translation>
    </message>
    <message>
        <source>Ne&amp;xt step</source>
        <translation>&amp;Neste steg</translation>
    </message>
    <message>
        <source>O&amp;rg. number</source>
        <translation>&amp;Org.nr.</translation>
    </message>
    <message>
        <source>&amp;From register</source>
        <translation>Fra re&amp;gisteret</translation>
    </message>
    <message>
        <source>Choose an employer from the register</source>
        <translation>Velg en arbeidsgiver fra registeret</translation>
    </message>
    <message>
        <source>Ne&amp;w employer</source>
        <translation>N&amp;y arbeidsgiver</translation>
    </message>
    <message>
        <source>Add an employer that is not in the register yet</source>
        <translation>Legg til en arbeidsgiver som ikke er i registeret ennå</translation>
    </message>
    <message>
        <source>Name of the new employer</source>
        <translation>Navnet på den nye arbeidsgiveren</translation>
    </message>
    <message>
        <source>Type to search employers</source>
        <translation>Søk etter arbeidsgiver</translation>
    </message>
    <message>
        <source>No participant (job development)</source>
        <translation>Ingen deltaker (jobbutvikling)</translation>
    </message>
    <message>
        <source>Participant was present</source>
        <translation>Deltakeren var til stede</translation>
    </message>
    <message>
        <source>Matches the participant&apos;s preferences</source>
        <translation>I tråd med deltakerens ønsker</translation>
    </message>
    <message>
        <source>About a competitive (ordinary) job</source>
        <translation>Gjelder en ordinær jobb</translation>
    </message>
    <message>
        <source> min</source>
        <translation> min</translation>
    </message>
    <message>
        <source>not recorded</source>
        <translation>ikke registrert</translation>
    </message>
    <message>
        <source>What came of it (Shift+Enter for a new line)</source>
        <translation>Hva kom ut av det (Shift+Enter for ny linje)</translation>
    </message>
    <message>
        <source>e.g. call back on Friday</source>
        <translation>f.eks. ringe tilbake på fredag</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Lagre</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Avbryt</translation>
    </message>
    <message>
        <source>Employer</source>
        <translation>Arbeidsgiver</translation>
    </message>
    <message>
        <source>New employer or choose from the register</source>
        <translation>Ny arbeidsgiver, eller velg fra registeret</translation>
    </message>
    <message>
        <source>New employer&apos;s name</source>
        <translation>Navnet på den nye arbeidsgiveren</translation>
    </message>
    <message>
        <source>Date of the visit</source>
        <translation>Dato for besøket</translation>
    </message>
    <message>
        <source>Mode of contact</source>
        <translation>Kontaktform</translation>
    </message>
    <message>
        <source>Purpose</source>
        <translation>Formål</translation>
    </message>
    <message>
        <source>Participant</source>
        <translation>Deltaker</translation>
    </message>
    <message>
        <source>About a competitive job</source>
        <translation>Gjelder en ordinær jobb</translation>
    </message>
    <message>
        <source>Minutes spent</source>
        <translation>Minutter brukt</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Resultat</translation>
    </message>
    <message>
        <source>Next step</source>
        <translation>Neste steg</translation>
    </message>
    <message>
        <source>Day of the next step</source>
        <translation>Dag for neste steg</translation>
    </message>
    <message>
        <source>Save the visit</source>
        <translation>Lagre besøket</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Melding</translation>
    </message>
</context>
<context>
    <name>Workspace</name>
    <message>
        <source>My participants</source>
        <translation>Mine deltakere</translation>
    </message>
    <message>
        <source>Employers</source>
        <translation>Arbeidsgivere</translation>
    </message>
    <message>
        <source>Reports</source>
        <translation>Rapporter</translation>
    </message>
    <message>
        <source>Sections</source>
        <translation>Seksjoner</translation>
    </message>
</context>
</TS>
