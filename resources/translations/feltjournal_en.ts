<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>AccessLog</name>
    <message>
        <source>the participant&apos;s details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a referral</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>an episode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a consent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a disclosure plan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the career profile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the job-search plan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a goal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>an action</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a case note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a therapy session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>an addendum</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a CBT worksheet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>an exposure plan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>an employer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a contact person</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>an employer contact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>an employer contact (job development)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>an activity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a collaboration meeting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a job</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a follow-along contact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a self assessment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the six-month outcome</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a job specialist&apos;s FTE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the team&apos;s settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a fidelity review</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a record that is no longer here</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 created %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 read %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 saw %2 in a search.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 changed %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 deleted %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 restored %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 erased %2 for good.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 exported %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 exported this access log.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 shared the key to the clinical records with another computer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 printed %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 printed a meeting summary.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 imported %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 found %2 damaged: it failed its integrity check.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 could not open %2: the computer lacks its key.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 handled %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Someone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What happened</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AccessLogDialog</name>
    <message>
        <source>Access log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Everyone who has read, changed, printed or exported this participant&apos;s records on this computer, newest first. The participant has the right to see it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Access log entries</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Export CSV…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export the access log as CSV</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n entry(ies)</source>
        <translation>
            <numerusform>%n entry</numerusform>
            <numerusform>%n entries</numerusform>
        </translation>
    </message>
    <message>
        <source>Export access log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file could not be written.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved to %1.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AgendaPanel</name>
    <message>
        <source>Employer visit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next step with employer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Collaboration meeting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Follow-along contact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Talk about disclosure again (day 60)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Benefits counselling before the job start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record the six-month outcome</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Therapy session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>before the start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>after the start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>after the job ended</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>week %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>month %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>from %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>by %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>overdue since %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Agenda</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Today (%n)</source>
        <translation>
            <numerusform>Today (%n)</numerusform>
            <numerusform>Today (%n)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>This week (%n)</source>
        <translation>
            <numerusform>This week (%n)</numerusform>
            <numerusform>This week (%n)</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing today.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing more this week.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CareerTab</name>
    <message>
        <source>Career profile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start a new version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keeps this version as it is and continues in a copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Version %1 · %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No career profile yet. Start writing; it is saved as you go.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Version %1, updated %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>an older version, read only</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CaseloadModel</name>
    <message>
        <source>Met by job start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Met</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 held</source>
        <translation>%1 held</translation>
    </message>
    <message>
        <source>%1 of %2 (%3 left)</source>
        <translation>%1 of %2 (%3 left)</translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next action</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>First employer contact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Follow-along</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next meeting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next session</source>
        <translation>Next session</translation>
    </message>
    <message>
        <source>Sessions</source>
        <translation>Sessions</translation>
    </message>
    <message>
        <source>Last CBT worksheet</source>
        <translation>Last CBT worksheet</translation>
    </message>
    <message>
        <source>Due %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Overdue since %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Four-week rule: first face-to-face employer contact within 28 days of entry; a job start stops the clock too</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Starts %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sessions held of the planned 5–15, and how many are left</source>
        <translation>Sessions held of the planned 5–15, and how many are left</translation>
    </message>
    <message numerus="yes">
        <source>%n day(s) overdue</source>
        <translation>
            <numerusform>%n day overdue</numerusform>
            <numerusform>%n days overdue</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n day(s) left</source>
        <translation>
            <numerusform>%n day left</numerusform>
            <numerusform>%n days left</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n overdue</source>
        <translation>
            <numerusform>%n overdue</numerusform>
            <numerusform>%n overdue</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Job start on day %n</source>
        <translation>
            <numerusform>Job start on day %n</numerusform>
            <numerusform>Job start on day %n</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Contact on day %n</source>
        <translation>
            <numerusform>Contact on day %n</numerusform>
            <numerusform>Contact on day %n</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CaseloadView</name>
    <message>
        <source>Active and paused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Active</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Referred</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exited</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>My participants</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter by name, or search in notes…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter and search</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only mine</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show participants by status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only the participants you are the therapist of</source>
        <translation>Only the participants you are the therapist of</translation>
    </message>
    <message>
        <source>Only the participants you are the job specialist of</source>
        <translation>Only the participants you are the job specialist of</translation>
    </message>
    <message>
        <source>&amp;Hand over…</source>
        <translation>&amp;Hand over…</translation>
    </message>
    <message>
        <source>Give a participant, or a whole caseload, to another job specialist or therapist</source>
        <translation>Give a participant, or a whole caseload, to another job specialist or therapist</translation>
    </message>
    <message>
        <source>&amp;New participant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Participants</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n participant(s)</source>
        <translation>
            <numerusform>%n participant</numerusform>
            <numerusform>%n participants</numerusform>
        </translation>
    </message>
    <message>
        <source>No participant matches “%1”. Clear the filter to see them all.</source>
        <translation>No participant matches “%1”. Clear the filter to see them all.</translation>
    </message>
    <message>
        <source>No participant has the status chosen. Choose “Active and paused” to see the caseload.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No active participant has you as their therapist. Untick “Only mine” to see the whole team&apos;s, or set the therapist on a participant&apos;s overview.</source>
        <translation>No active participant has you as their therapist. Untick “Only mine” to see the whole team&apos;s, or set the therapist on a participant&apos;s overview.</translation>
    </message>
    <message>
        <source>No active participant has you as their job specialist. Untick “Only mine” to see the whole team&apos;s.</source>
        <translation>No active participant has you as their job specialist. Untick “Only mine” to see the whole team&apos;s.</translation>
    </message>
    <message>
        <source>No active participants yet. Add one with “New participant”.</source>
        <translation>No active participants yet. Add one with “New participant”.</translation>
    </message>
    <message>
        <source>The search failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n participant(s) handed over to %1.</source>
        <translation>
            <numerusform>%n participant handed over to %1.</numerusform>
            <numerusform>%n participants handed over to %1.</numerusform>
        </translation>
    </message>
    <message>
        <source>The clinical journals stay on this computer until it is connected to a server (then: Feltjournal → Share clinical journals…).</source>
        <translation>The clinical journals stay on this computer until it is connected to a server (then: Feltjournal → Share clinical journals…).</translation>
    </message>
    <message>
        <source>The clinical journals are shared from the therapist&apos;s own computer (Feltjournal → Share clinical journals…).</source>
        <translation>The clinical journals are shared from the therapist&apos;s own computer (Feltjournal → Share clinical journals…).</translation>
    </message>
    <message>
        <source>Sharing the clinical journals…</source>
        <translation>Sharing the clinical journals…</translation>
    </message>
    <message>
        <source>The clinical journals were not shared: %1</source>
        <translation>The clinical journals were not shared: %1</translation>
    </message>
</context>
<context>
    <name>CbtTab</name>
    <message>
        <source>CBT</source>
        <comment>tab title</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;New worksheet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New CBT worksheet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CBT worksheets, newest first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No worksheets yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How strong, 0–100</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(no feeling named)</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n worksheet(s)</source>
        <translation>
            <numerusform>%n worksheet</numerusform>
            <numerusform>%n worksheets</numerusform>
        </translation>
    </message>
    <message>
        <source>New worksheet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Worksheet</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CentralSummary</name>
    <message>
        <source>Central report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Made on %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>De-identified figures from the teams&apos; snapshots. “&lt; 5”: hidden because it rests on fewer than five people. * The national total leaves out teams whose figure is hidden or missing.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Programme: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Region: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Team</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Programme</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Region</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>National (sum of teams)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Teams side by side</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not reported for the period: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>National trend (target for into work: %1 %)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Period</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fidelity items, national (sum of teams)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Item</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Score</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Score bands</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CentralView</name>
    <message>
        <source>missing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>otherwise</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Central reporting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quarter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Month</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Period:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>P&amp;rogramme:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>R&amp;egion:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export &amp;CSV…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PDF &amp;summary…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>C&amp;hart:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>De-identified figures the teams have sent. “&lt; 5”: hidden because it rests on fewer than five people; “missing”: the team has not reported for the period. * The national total leaves out teams whose figure is hidden or missing.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Into work</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Employed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Job starts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Caseload</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Four weeks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Job development</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Team</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fidelity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fidelity (partial): points on the items the team&apos;s report measures</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fidelity item</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Score</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Score bands</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading the reports…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No reports on this computer yet: they arrive when the teams have synced.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n team(s)</source>
        <translation>
            <numerusform>%n team</numerusform>
            <numerusform>%n teams</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n without a report</source>
        <translation>
            <numerusform>%n without a report</numerusform>
            <numerusform>%n without a report</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n report(s) could not be verified</source>
        <translation>
            <numerusform>%n report could not be verified</numerusform>
            <numerusform>%n reports could not be verified</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>n = %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>National</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>National (sum of teams)</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Summed over %n team(s)</source>
        <translation>
            <numerusform>Summed over %n team</numerusform>
            <numerusform>Summed over %n teams</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n hidden or missing left out</source>
        <translation>
            <numerusform>%n hidden or missing left out</numerusform>
            <numerusform>%n hidden or missing left out</numerusform>
        </translation>
    </message>
    <message>
        <source>Fidelity items: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fidelity items: national (sum of teams)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 / 5</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Target 80 %</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 per team, %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 over time per team</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No data: every figure is hidden (&lt; 5) or missing.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Into work over time (national) against the 80 % target</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No bar or point: hidden (&lt; 5), missing or nothing to measure: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export the central report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file could not be saved: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Saved %n row(s) to %1.</source>
        <translation>
            <numerusform>Saved %n row to %1.</numerusform>
            <numerusform>Saved %n rows to %1.</numerusform>
        </translation>
    </message>
    <message>
        <source>PDF summary of the central report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved %1.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ContactsTab</name>
    <message>
        <source>&amp;Add employer contact…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Employer contacts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There are no employers in the register yet. Add the employer under Employers first.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DateField</name>
    <message>
        <source>dd.mm.yyyy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type dd.mm.yyyy (or d.m.yy); Alt+Down opens a calendar.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>May be left empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose in a calendar (Alt+Down)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose in a calendar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fill in a date.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no such date.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The date must lie between %1 and %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The date cannot be in the future.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type the date as dd.mm.yyyy, e.g. 20.04.1985.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The date was not saved: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EmployerDetailsPanel</name>
    <message>
        <source>Choose an employer to see its visits and contact persons.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No employer chosen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Employer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Employer details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Purpose</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Participant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Visit history</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Role</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Email</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Contact persons</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Visits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Add person…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add contact person</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ed&amp;it person…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit contact person</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove contact person</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Copy details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy contact details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy name, phone and email (cleared from the clipboard when the app locks)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Visit history status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Contact persons status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Org. no. %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No details recorded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The participant has not agreed to be named to this employer. The visit is in their own record.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No visits logged yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n visit(s)</source>
        <translation>
            <numerusform>%n visit</numerusform>
            <numerusform>%n visits</numerusform>
        </translation>
    </message>
    <message>
        <source>No contact persons yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n contact person(s)</source>
        <translation>
            <numerusform>%n contact person</numerusform>
            <numerusform>%n contact persons</numerusform>
        </translation>
    </message>
    <message>
        <source>Visits (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Contact persons (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>–</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(not disclosed)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EmployerTableModel</name>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Org. number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Industry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last contact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Contacts</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EmployersView</name>
    <message>
        <source>Employers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter by name, organisation number or industry (Ctrl+F)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter employers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Employer register</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;New employer…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New employer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add an employer to the register (Ctrl+N)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit employer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Log a &amp;visit…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Log a visit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Log an employer visit (Ctrl+Shift+V)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove contact person</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Register status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading employers…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No employers yet. Add one with New employer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n employer(s)</source>
        <translation>
            <numerusform>%n employer</numerusform>
            <numerusform>%n employers</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n employer(s)</source>
        <translation>
            <numerusform>%1 of %n employer</numerusform>
            <numerusform>%1 of %n employers</numerusform>
        </translation>
    </message>
    <message>
        <source>Loading visits…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove %1 from this employer&apos;s contact persons?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copied.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EnrolDialog</name>
    <message>
        <source>Connect to the team&apos;s server</source>
        <extracomment>enrol(server_url, code, device_name) on a worker thread; raises SyncError.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The central team gives you the server address and a one-time code. After connecting, the team lead approves this computer; then it syncs by itself.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enrolment code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name of this computer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server &amp;address:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enrolment &amp;code:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Name of this computer:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>C&amp;onnect</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write the server address starting with https://.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write the enrolment code.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <source>Wrong passphrase.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Too many attempts. Try again in %n second(s).</source>
        <translation>
            <numerusform>Too many attempts. Try again in %n second.</numerusform>
            <numerusform>Too many attempts. Try again in %n seconds.</numerusform>
        </translation>
    </message>
    <message>
        <source>This computer&apos;s keyring does not hold the key for this profile. A profile copied from another machine cannot be opened here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No secure keyring is available on this computer. Install and unlock a keyring (GNOME Keyring or KWallet), or choose the file keystore explicitly.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The backup %1 did not pass its check (%2) and was not restored; the database is untouched.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The backup was not saved because the copy did not pass its check (%1); the older backups are untouched.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The disk is full. The last change was not saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One record failed its integrity check and cannot be shown: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This device has no key for these records.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The journal is locked.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your role does not give access to this.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This note is signed and cannot be changed. Add an addendum instead.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file has a format this version does not understand.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This computer has been revoked and its keys erased: the journal on it can no longer be opened. What it had synced is kept on the server.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The profile is missing or incomplete.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Something went wrong inside Feltjournal. Your saved work is safe.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>is missing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>is empty (0 bytes)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>is cut short</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>is not a Feltjournal database that this profile&apos;s key opens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>has damaged pages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot be read or written (I/O error)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot be written (the file or folder is read-only)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot be written: the disk is full</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The database file %1 %2; the last change was not saved, and Feltjournal writes nothing more to it until you free some space and unlock again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The database file %1 %2, so Feltjournal writes nothing more to it; restore the newest verified backup, %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The database file %1 %2, so Feltjournal writes nothing more to it; there is no backup to restore.</source>
        <translation></translation>
    </message>
    <message>
        <source>The journal database has been rolled back: %1 saves are missing, the newest from %2. Nothing was written to it. Restore the newest backup with &apos;feltjournal restore&apos;, or accept the loss with &apos;feltjournal verify --accept-rollback&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The journal database does not match the record of your last save kept beside it: it was replaced or rolled back. Nothing was written to it. Restore the newest backup with &apos;feltjournal restore&apos;, or accept the loss with &apos;feltjournal verify --accept-rollback&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ExposureTab</name>
    <message>
        <source>Exposure</source>
        <comment>tab title</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;New plan…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New exposure plan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exposure plans</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No exposure plans yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An exposure plan lists graded steps and the attempts at each. Start one with New plan.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Steps, from easiest to hardest</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expected distress (0–100)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Steps</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move the step up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move down</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move the step down</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attempts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Before</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Peak</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>After</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add attempt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove attempt</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n plan(s)</source>
        <translation>
            <numerusform>%n plan</numerusform>
            <numerusform>%n plans</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n step(s)</source>
        <translation>
            <numerusform>%n step</numerusform>
            <numerusform>%n steps</numerusform>
        </translation>
    </message>
    <message>
        <source>Steps and attempts saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New step</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FidelityReviewDialog</name>
    <message>
        <source>Fidelity review, %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rate the items the records cannot show, 1 (not implemented) to 5 (fully implemented), for this period. An item left at “Not rated” stays out of the total. Each save keeps the earlier versions.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not rated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Into work: exits also left out (moving away always is)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Version %1, %2, %3: %n item(s) rated</source>
        <translation>
            <numerusform>Version %1, %2, %3: %n item rated</numerusform>
            <numerusform>Version %1, %2, %3: %n items rated</numerusform>
        </translation>
    </message>
    <message>
        <source>Saved versions:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No review saved for this period yet.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FteDialog</name>
    <message>
        <source>Job specialists&apos; FTE</source>
        <translation>Job specialists&apos; FTE</translation>
    </message>
    <message>
        <source>Caseload per FTE divides the active participants by these. A job specialist without a setting counts as full time (1,0). Every laptop of the team gets the values at its next sync.</source>
        <translation>Caseload per FTE divides the active participants by these. A job specialist without a setting counts as full time (1,0). Every laptop of the team gets the values at its next sync.</translation>
    </message>
    <message>
        <source>FTE of %1</source>
        <translation>FTE of %1</translation>
    </message>
</context>
<context>
    <name>HandoverDialog</name>
    <message>
        <source>Clinical journals shared: %1 with %2 computer(s) of %3.</source>
        <translation>Clinical journals shared: %1 with %2 computer(s) of %3.</translation>
    </message>
    <message>
        <source>%1 had no clinical journal on this computer.</source>
        <translation>%1 had no clinical journal on this computer.</translation>
    </message>
    <message>
        <source>Hand over</source>
        <translation>Hand over</translation>
    </message>
    <message>
        <source>Job specialist</source>
        <translation>Job specialist</translation>
    </message>
    <message>
        <source>Therapist</source>
        <translation>Therapist</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Role</translation>
    </message>
    <message>
        <source>The whole caseload of</source>
        <translation>The whole caseload of</translation>
    </message>
    <message>
        <source>Only %1</source>
        <translation>Only %1</translation>
    </message>
    <message>
        <source>Only the selected participant (none selected)</source>
        <translation>Only the selected participant (none selected)</translation>
    </message>
    <message>
        <source>Whose caseload</source>
        <translation>Whose caseload</translation>
    </message>
    <message>
        <source>To</source>
        <translation>To</translation>
    </message>
    <message>
        <source>&amp;Role</source>
        <translation>&amp;Role</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>Who</translation>
    </message>
    <message>
        <source>&amp;To</source>
        <translation>&amp;To</translation>
    </message>
    <message>
        <source>The new job specialist sees the participant after the next sync.</source>
        <translation>The new job specialist sees the participant after the next sync.</translation>
    </message>
    <message>
        <source>This computer is not connected to a server: the clinical journals stay here until it is (then: Feltjournal → Share clinical journals…).</source>
        <translation>This computer is not connected to a server: the clinical journals stay here until it is (then: Feltjournal → Share clinical journals…).</translation>
    </message>
    <message>
        <source>The clinical journals held on this computer are shared with the new therapist&apos;s computers at once (it needs a connection to the server).</source>
        <translation>The clinical journals held on this computer are shared with the new therapist&apos;s computers at once (it needs a connection to the server).</translation>
    </message>
    <message>
        <source>Clinical journals are not shared from here: the therapist who holds them shares them from their own computer.</source>
        <translation>Clinical journals are not shared from here: the therapist who holds them shares them from their own computer.</translation>
    </message>
    <message>
        <source>Choose or type who takes over.</source>
        <translation>Choose or type who takes over.</translation>
    </message>
    <message>
        <source>The caseload is already theirs: choose someone else.</source>
        <translation>The caseload is already theirs: choose someone else.</translation>
    </message>
</context>
<context>
    <name>Indicators</name>
    <message>
        <source>Caseload (active participants per FTE)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rapid job search (days to first employer contact)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>First employer contact within four weeks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Job development (employer contacts per week)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Individualised job search</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Diversity of job types</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Diversity of employers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Competitive jobs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Follow-along contacts on time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Community-based services</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Disclosure discussed before client contacts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Disclosure revisited when no job by day 60</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Benefits planning before job start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Zero exclusion (declined as not ready)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Self-referrals</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Collaboration meeting in the last 90 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>NAV counsellor contacts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Into work (ordinary work or education)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exits left out of into work</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Employment rate (competitive work)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Job starts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Days to first job (median)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Still in the job after 13 weeks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Still in the job after 26 weeks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hours per week in jobs held (mean)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Six-month status: work or education</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Therapy sessions per participant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Self-assessment change (end minus start)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From entry to first face-to-face employer contact; none yet: days so far</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Moves and the team&apos;s chosen exit reasons left out; ordinary work needs an unsubsidised job</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exits not counted in the into-work share</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Everyone six months past a job start or exit; no status counts as missing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Face-to-face employer contact or a job start by day 28 after entry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Face-to-face contacts due after each job start, judged on average</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Caseload size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Employment services staff</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Vocational generalists</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Integration with treatment: team assignment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Integration with treatment: frequent team contact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Collaboration with NAV counsellors</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Vocational unit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Role of the employment supervisor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Zero exclusion criteria</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Agency focus on competitive work</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Executive team support</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Work incentives planning</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Disclosure</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ongoing, work-based assessment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rapid job search</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Job development: frequent contact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Job development: quality of contact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Individualised follow-along</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time-unlimited follow-along</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Assertive engagement and outreach</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Participants whose day 28 after entry falls in the period: the share who had a face-to-face employer contact about a competitive job, or started a job (also one found through their own network), by day 28. Those who left before day 28 without either are not counted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Face-to-face follow-along contacts made of those due after each job start: within a week before the start, within 3 days after it, weekly in the first month, then monthly for a year, judged on average (a month with two contacts makes up for one with none), and within 3 days of a job loss. Follow-along stops at exit, at the job&apos;s end and when the participant wants no more.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 %</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 per week</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 per FTE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 per month</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 h per week</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 sessions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 points</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>exemplary fidelity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>good fidelity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>fair fidelity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not supported employment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 / 5</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 active ÷ %2 FTE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2 hours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 contacts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>n = %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Q%1 %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>week %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>month %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>before the start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>just after the start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>after the job ended</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Participant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Job specialist</source>
        <translation>Job specialist</translation>
    </message>
    <message>
        <source>Programme</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Job</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Employer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Purpose</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Received</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Source</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Decision</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Location</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Minutes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Missed contacts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Counted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(not available)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, no contact yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>✓</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Divided by (FTE): %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not recorded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Breakdown: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n monthly contact(s) short</source>
        <translation>
            <numerusform>%n monthly contact short</numerusform>
            <numerusform>%n monthly contacts short</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>JobsTab</name>
    <message>
        <source>&amp;Add job…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Jobs &amp;&amp; follow-along</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Jobs and follow-along</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Follow-along</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Follow-along: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <source>Participant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Referral</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Episode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Consent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Disclosure plan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Career profile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Job-search plan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Goal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Action</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Case note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Therapy session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Addendum</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CBT worksheet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exposure plan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Employer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Contact person</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Employer contact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Employer contact (job development)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Activity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Team settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fidelity review</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Collaboration meeting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Job</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Follow-along contact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Self assessment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Six-month outcome</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Job specialist&apos;s FTE</source>
        <translation>Job specialist&apos;s FTE</translation>
    </message>
    <message>
        <source>Referred by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Referral received</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Consents</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The name typed to confirm</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Taken over by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Participants</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Team</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exit reasons left out of the into-work share</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Period</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reviewed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reviewed by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Alternative thought</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attempts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attendees</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Behaviour</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Birth date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bodily reaction</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Competitive</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About a competitive job</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Decided</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Decision</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Decline reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Description</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Discussed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Due</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Education</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Email</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>End</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>End reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Entry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exit reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Feeling</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No more follow-along wanted from</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>FTE</source>
        <translation>FTE</translation>
    </message>
    <message>
        <source>Follow-up outside the workplace</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Given</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Goals</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>GP</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Health-related</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hours per week</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Industry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Intensity (0–100)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Intensity afterwards (0–100)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Interests</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Job specialist</source>
        <translation>Job specialist</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Level</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Location</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Matches the participant&apos;s preferences</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Milestones</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Minutes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>National identity number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>NAV counsellor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>NAV office</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next meeting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next session</source>
        <translation>Next session</translation>
    </message>
    <message>
        <source>Next step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Date of next step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Occupation code (STYRK)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Organisation number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outside workplace</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Owner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sub-goal of</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Participant present</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Phase</source>
        <translation>Phase</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Planned sessions (5–15)</source>
        <translation>Planned sessions (5–15)</translation>
    </message>
    <message>
        <source>Preferences</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Programme</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Purpose</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Received</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Returned within a year</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Role</translation>
    </message>
    <message>
        <source>Scope</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scores</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signed by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Situation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Source</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Steps</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Strategies</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Strengths</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Summary</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Supports</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Target employers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Therapist</source>
        <translation>Therapist</translation>
    </message>
    <message>
        <source>Thought</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Title</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Topic</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Updated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wage subsidy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>With employer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Withdrawn</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Agreed wording</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Work history</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>IPS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JMO</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SFJ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accepted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Active</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Benefits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Career</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Central reporting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Client specific</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Community</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Declined</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Disclosure</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dropped out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exited</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Face to face</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Family</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Follow along</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>General</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Health</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Job development</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Job search</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Joint visits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not recorded (missing)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Monthly</source>
        <translation>Monthly</translation>
    </message>
    <message>
        <source>Moved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>NAV</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>NAV contact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No wish for work</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>None</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not ready (red flag)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Office</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ordinary paid work</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ordinary work, but only a wage-subsidised job</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Other</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Other service</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Own network</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Own search</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Partial</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pending</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Referred</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Self</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sheltered work</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Job specialist contacts employers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Specialist health service</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Supported work</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Video</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Weekly</source>
        <translation>Weekly</translation>
    </message>
    <message>
        <source>Ordinary work or education</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Clinical journals shared with %1: %2.</source>
        <translation>Clinical journals shared with %1: %2.</translation>
    </message>
    <message>
        <source>Connected. The team lead must approve this computer before it syncs.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sharing the clinical journals…</source>
        <translation>Sharing the clinical journals…</translation>
    </message>
    <message>
        <source>Computer revoked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Feltjournal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Lock</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>S&amp;ync now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Connect to server…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Feltjournal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Share &amp;clinical journals…</source>
        <translation>Share &amp;clinical journals…</translation>
    </message>
    <message>
        <source>Job specialists&apos; &amp;FTE…</source>
        <translation>Job specialists&apos; &amp;FTE…</translation>
    </message>
    <message numerus="yes">
        <source>%n failed attempt(s) since the last unlock.</source>
        <translation>
            <numerusform>%n failed attempt since the last unlock.</numerusform>
            <numerusform>%n failed attempts since the last unlock.</numerusform>
        </translation>
    </message>
    <message>
        <source>The journal database cannot be used</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restore this backup</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The daily backup could not be written.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unsaved text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A note is still being saved. Close anyway?</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MeetingSummary</name>
    <message>
        <source>NAV</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>GP</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Employer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Family</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The participant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>NAV</source>
        <comment>in a sentence</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>GP</source>
        <comment>in a sentence</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Employer</source>
        <comment>in a sentence</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Family</source>
        <comment>in a sentence</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The participant</source>
        <comment>in a sentence</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>job specialist</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>meeting dates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>programme and status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>strategies</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>goals and open actions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>health-related goals and actions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>employer contacts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>jobs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>goals and open actions that are not health-related</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This copy holds: %1. Never notes, sessions, worksheets or the referral. The print is recorded in the access log.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the employer the summary is for.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The participant has not consented to this employer knowing about them, or their disclosure plan says not to. The summary was not made.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no current consent to share with %1. The summary was not made.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Collaboration meeting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Prepared %1 for %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Participant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Programme</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Job specialist</source>
        <translation>Job specialist</translation>
    </message>
    <message>
        <source>Last meeting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next meeting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not set</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>None recorded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Goals and open actions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>overdue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Contact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Purpose</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Jobs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Job</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>End</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hours/week</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chosen strategies: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>meeting-summary-%1.pdf</source>
        <comment>default file name; %1 is the date</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save meeting summary</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Job-search activity, last %n day(s)</source>
        <translation>
            <numerusform>Job-search activity, last %n day</numerusform>
            <numerusform>Job-search activity, last %n days</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MeetingSummaryDialog</name>
    <message>
        <source>Meeting summary</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;For</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Who the summary is for</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Employer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Employer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Preview, as it will be printed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preview of the summary</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Save as PDF…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The participant&apos;s own copy needs no consent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing to show: this summary may not be made.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save asks where to put the file, starting in %1 (not a cloud-synced folder).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>That folder looks synced to %1: the summary would leave this computer. Choose another folder, or choose the same file again to save it there.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is a current consent to share with %1.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MeetingsTab</name>
    <message>
        <source>Attendees</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Add meeting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Meetings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Leave the next meeting empty when adding one: it is set three months on. The summary for the meeting is printed from the button at the top.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MessageBar</name>
    <message>
        <source>Dismiss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dismiss the message</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>NewDeviceBar</name>
    <message>
        <source>Your new computer “%1” has been approved. Share the clinical journals with it?</source>
        <translation>Your new computer “%1” has been approved. Share the clinical journals with it?</translation>
    </message>
    <message>
        <source>Share</source>
        <translation>Share</translation>
    </message>
    <message>
        <source>Not now</source>
        <translation>Not now</translation>
    </message>
</context>
<context>
    <name>NewParticipantDialog</name>
    <message>
        <source>New participant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Programme</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Birth date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Phone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Referred by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Referral received</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Entry date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Consent: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Programme</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Birth date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>P&amp;hone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Referred by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Referral &amp;received</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Entry date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Consents given</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The entry date starts the four-week clock for the first employer contact. A consent to talk to an employer is given later, for each employer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The referral cannot be received after the entry date.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>NoteEditor</name>
    <message>
        <source>Saving…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note editor</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>NotesTab</name>
    <message>
        <source>Notes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;New note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter notes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notes, newest first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete this note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No notes yet. Write the first one on the right.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n note(s)</source>
        <translation>
            <numerusform>%n note</numerusform>
            <numerusform>%n notes</numerusform>
        </translation>
    </message>
    <message>
        <source>Note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(empty note)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>OrgNumberInput</name>
    <message>
        <source>Organisation number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nine digits; may be left empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only digits, please.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of 9 digits.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An organisation number has 9 digits.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The check digit does not match. Please check the number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>✓ Valid organisation number.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>OverviewTab</name>
    <message>
        <source>Referral</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Episodes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Consent to share</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Disclosure plan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Agreed wording</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Six-month outcome</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Overview</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Participant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing written in the career profile yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Written earlier on the overview, not yet in the career profile:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wishes written earlier on the overview</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit in the &amp;career profile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Move into the career profile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Adds this text to the career profile&apos;s wishes and clears it here</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Withdraw</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Withdraw the selected consent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Marks the consent as withdrawn today</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Withdrawn</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Current</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ParticipantTab</name>
    <message>
        <source>New participant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New referral</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New episode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New consent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New disclosure plan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New career profile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New job-search plan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New goal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New action</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New case note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New therapy session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New addendum</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New CBT worksheet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New exposure plan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New employer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New contact person</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New employer contact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New employer contact (job development)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New activity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New FTE setting</source>
        <translation>New FTE setting</translation>
    </message>
    <message>
        <source>New team settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New fidelity review</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New collaboration meeting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New job</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New follow-along contact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New self assessment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New six-month outcome</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deleted on another machine while edited here</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Changed on two machines</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown employer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 deleted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Undo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(not available here)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Review…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Review changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Review changes…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>None recorded yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose one in the list, or add a new one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing here yet. Use the button above the list to add one.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ParticipantView</name>
    <message numerus="yes">
        <source>%n record(s) failed their integrity check and are not shown.</source>
        <translation>
            <numerusform>%n record failed its integrity check and is not shown.</numerusform>
            <numerusform>%n records failed their integrity check and are not shown.</numerusform>
        </translation>
    </message>
    <message>
        <source>← &amp;Back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back to the list of participants</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back (Esc)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Access &amp;log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Access log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Who has read or changed these records</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Meeting summary (PDF)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Meeting summary as PDF</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Participant sections</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Job specialist: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Therapist: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Participant %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n to review</source>
        <translation>
            <numerusform>%n to review</numerusform>
            <numerusform>%n to review</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n record(s) changed on two machines or deleted elsewhere</source>
        <translation>
            <numerusform>%n record changed on two machines or deleted elsewhere</numerusform>
            <numerusform>%n records changed on two machines or deleted elsewhere</numerusform>
        </translation>
    </message>
    <message>
        <source>This participant was removed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing to review for this record.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Writing the meeting summary…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Meeting summary saved to %1.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PlanTab</name>
    <message>
        <source>Job-search plan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Strategies the participant chose</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Goals and actions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Goal / action</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Health-related steps never go to NAV, an employer or family in a meeting summary; under a health-related goal everything counts as health-related.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Goals, sub-goals and actions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add &amp;goal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add goal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add &amp;sub-goal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add sub-goal to the selected goal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add &amp;action</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add action to the selected goal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete the selected goal or action</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Review changes…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Review changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Double-click or press F2 to change a title, owner, due date or status. Overdue actions are marked. Health-related steps stay out of the meeting summary for NAV, employers and family.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(the goal is)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Health-related through its goal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sub-goal: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Goal: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 · overdue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Overdue since %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Action: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not &amp;health-related</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Health-related</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mark the selected step as not health-related</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mark the selected step as health-related</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mark &amp;open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mark &amp;done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mark the selected action open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mark the selected action done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New goal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a goal first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New sub-goal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a goal or sub-goal first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New action</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove its sub-goals and actions first.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Problems</name>
    <message>
        <source>is required</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>must be text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>is longer than %1 characters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>is not a phone number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>is not an e-mail address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>is not a STYRK-08 occupation code (4 or 7 digits)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>is not a date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>must be a number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>must be a whole number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>must be at least %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>must be at most %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>must be between %1 and %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>must be yes or no</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>is not one of the choices</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>has a value that is not one of the choices</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>must be a list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>must have exactly 11 digits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>has a wrong first check digit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>has a wrong second check digit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>has an impossible individual number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>does not contain a valid date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>must have exactly 9 digits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>has a wrong check digit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>is after the entry date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>is the same person as the one handing over</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>has nobody to hand over</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>has no space on this computer yet (connect it to the server first)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>is not an item a team lead rates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>must be chosen from the list, or added as a new one</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>must be the participant&apos;s name, exactly</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>is not a field of this record type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>is not a record type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>is set only by signing the note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot be signed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>is not valid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 %2</source>
        <comment>a field&apos;s label, then what is wrong</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Please check: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>QGnomeTheme</name>
    <message>
        <source>&amp;OK</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close without Saving</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>QPlatformTheme</name>
    <message>
        <source>OK</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save All</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Yes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Yes to &amp;All</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;No</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>N&amp;o to All</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Abort</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Retry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ignore</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Discard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Apply</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restore Defaults</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RecordForm</name>
    <message numerus="yes">
        <source>%n item(s)</source>
        <translation>
            <numerusform>%n item</numerusform>
            <numerusform>%n items</numerusform>
        </translation>
    </message>
    <message>
        <source>This record no longer exists here; it may have been deleted on another machine.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Yes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(linked record)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(not available here)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RecordReviewDialog</name>
    <message>
        <source>this computer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>another computer (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Review changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deleted on another machine while edited here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep it if the edit still matters; otherwise delete it again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Keep</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep the record</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete the record</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>These fields were changed on two machines at the same time. The value shown as current is kept unless you choose another.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Current</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep current</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep the current %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>written on %1, %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Other</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep this value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep %1 for %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing left to review.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReportsView</name>
    <message>
        <source>Reports</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Month</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quarter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Year</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Period</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Job specialist</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kind of period</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Period</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Job specialist</source>
        <translation>Job specialist</translation>
    </message>
    <message>
        <source>All job specialists</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Fidelity review…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rate the fidelity items the records cannot show for this period, and choose which exits stay out of the into-work share</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Export CSV…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export figures as CSV</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the figures as de-identified statistics (no names)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send to the &amp;central team</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send this period&apos;s de-identified figures to the central team now (they are also sent by themselves when a month or quarter has closed)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Report status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fidelity summary</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Indicator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Score</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Target</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Indicators</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose an indicator to list the records behind it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Records behind the chosen indicator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Breakdown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chart: into work per quarter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chart: employment rate per quarter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chart: job starts per month</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chart notes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The report is built when you open this page.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Building…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>all job specialists</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fidelity items</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outcomes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No fidelity item could be scored for this period.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fidelity (IPS-25): %1 of 125 points, %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fidelity (IPS-25), partial: %1 of %2 points on %3 of 25 items</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>computed from the records: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>rated by the team lead: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no data this period: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not rated yet: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Estimate for the full scale: %1 of 125 (%2), not a fidelity review.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Records behind a figure</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose an indicator to list the participants or contacts behind it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>target %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n record(s)</source>
        <translation>
            <numerusform>%n record</numerusform>
            <numerusform>%n records</numerusform>
        </translation>
    </message>
    <message>
        <source>No records behind this figure in the period.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: no data for %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Into work per quarter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Into work</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Target %1 %</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Employment rate per quarter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Employment rate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>IPS average %1 %</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Job starts per month, %1–%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Job starts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The figures for %1 go to the central team at the next sync (version %2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export figures</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file could not be saved: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Saved %n figure(s) to %1.</source>
        <translation>
            <numerusform>Saved %n figure to %1.</numerusform>
            <numerusform>Saved %n figures to %1.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SearchResults</name>
    <message numerus="yes">
        <source>Found in the journal: %n record(s)</source>
        <translation>
            <numerusform>Found in the journal: %n record</numerusform>
            <numerusform>Found in the journal: %n records</numerusform>
        </translation>
    </message>
    <message>
        <source>Search hits: why each person matched</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SessionsTab</name>
    <message>
        <source>Sessions</source>
        <translation>Sessions</translation>
    </message>
    <message>
        <source>&amp;New session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sessions, newest first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Sign…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign this session note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add a&amp;ddendum</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add an addendum to this session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Addenda</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Addenda to this session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No sessions yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n session(s)</source>
        <translation>
            <numerusform>%n session</numerusform>
            <numerusform>%n sessions</numerusform>
        </translation>
    </message>
    <message>
        <source>A new session note. It is saved as you write.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signed %1 by %2. Read only; corrections go in an addendum.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Draft. Saved as you write; sign it when it is finished.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n session(s) held; no planned number yet (5–15)</source>
        <translation>
            <numerusform>%n session held; no planned number yet (5–15)</numerusform>
            <numerusform>%n sessions held; no planned number yet (5–15)</numerusform>
        </translation>
    </message>
    <message>
        <source>Held %1 of %2 planned</source>
        <translation>Held %1 of %2 planned</translation>
    </message>
    <message numerus="yes">
        <source>%n left</source>
        <translation>
            <numerusform>%n left</numerusform>
            <numerusform>%n left</numerusform>
        </translation>
    </message>
    <message>
        <source>next session %1</source>
        <translation>next session %1</translation>
    </message>
    <message>
        <source>signed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>draft</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Session %1 · %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign session note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign this session note?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A signed note cannot be changed or deleted. Corrections go in an addendum.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back up once a day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lock after idle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Backups to keep</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SetupView</name>
    <message>
        <source>Welcome to Feltjournal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Everything you write is encrypted on this computer. Choose a passphrase you can remember: nobody, not even the central team, can recover it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your &amp;name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Role</source>
        <translation>&amp;Role</translation>
    </message>
    <message>
        <source>&amp;Passphrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Repeat pa&amp;ssphrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Job specialist</source>
        <translation>Job specialist</translation>
    </message>
    <message>
        <source>Therapist</source>
        <translation>Therapist</translation>
    </message>
    <message>
        <source>Team lead</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Central team (figures only)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Repeat passphrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This computer has no secure keyring. You can keep the device key in a file in the profile instead; then only your passphrase protects a copied profile.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep the device key in a file (less secure)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Create profile</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>At least %n characters; a sentence is best.</source>
        <translation>
            <numerusform>At least %n character; a sentence is best.</numerusform>
            <numerusform>At least %n characters; a sentence is best.</numerusform>
        </translation>
    </message>
    <message>
        <source>Strength: weak</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Strength: fair</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Strength: strong</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Please write your name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>The passphrase must have at least %n characters.</source>
        <translation>
            <numerusform>The passphrase must have at least %n character.</numerusform>
            <numerusform>The passphrase must have at least %n characters.</numerusform>
        </translation>
    </message>
    <message>
        <source>The two passphrases are not the same.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the file keystore, or set up a keyring first.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ShareClinicalDialog</name>
    <message>
        <source>Share clinical journals</source>
        <translation>Share clinical journals</translation>
    </message>
    <message>
        <source>Therapist</source>
        <translation>Therapist</translation>
    </message>
    <message>
        <source>Every clinical journal held on this computer is shared with the approved computers of the therapist you choose (yourself: your new laptop). Only a therapist&apos;s computer can receive them. A clinical journal that is on one computer only is lost with that computer.</source>
        <translation>Every clinical journal held on this computer is shared with the approved computers of the therapist you choose (yourself: your new laptop). Only a therapist&apos;s computer can receive them. A clinical journal that is on one computer only is lost with that computer.</translation>
    </message>
    <message>
        <source>&amp;Therapist</source>
        <translation>&amp;Therapist</translation>
    </message>
    <message>
        <source>Share</source>
        <translation>Share</translation>
    </message>
    <message>
        <source>Choose or type a therapist.</source>
        <translation>Choose or type a therapist.</translation>
    </message>
</context>
<context>
    <name>StrandedBar</name>
    <message>
        <source>Bring them into this team</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Bring %n record(s) written for another team into this team?</source>
        <translation>
            <numerusform>Bring %n record written for another team into this team?</numerusform>
            <numerusform>Bring %n records written for another team into this team?</numerusform>
        </translation>
    </message>
    <message>
        <source>They are written again under this team&apos;s key and sent at the next sync; the copies for the old team, which no server takes, are removed from this computer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing is left to bring into this team.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n record(s) (%1) stay as they are: only a team lead may bring the team&apos;s settings, FTEs and fidelity reviews into the team.</source>
        <translation>
            <numerusform>%n record (%1) stays as it is: only a team lead may bring the team&apos;s settings, FTEs and fidelity reviews into the team.</numerusform>
            <numerusform>%n records (%1) stay as they are: only a team lead may bring the team&apos;s settings, FTEs and fidelity reviews into the team.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n report snapshot(s) of the old team are left out: this team&apos;s own are published at the next sync.</source>
        <translation>
            <numerusform>%n report snapshot of the old team is left out: this team&apos;s own are published at the next sync.</numerusform>
            <numerusform>%n report snapshots of the old team are left out: this team&apos;s own are published at the next sync.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n record(s) cannot be read on this computer and stay as they are.</source>
        <translation>
            <numerusform>%n record cannot be read on this computer and stays as it is.</numerusform>
            <numerusform>%n records cannot be read on this computer and stay as they are.</numerusform>
        </translation>
    </message>
    <message>
        <source>Bringing the changes into this team…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This computer does not hold this team&apos;s key yet: sync again once a team lead has approved it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This computer is not connected to a server.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n record(s) brought into this team; they are sent now.</source>
        <translation>
            <numerusform>%n record brought into this team; it is sent now.</numerusform>
            <numerusform>%n records brought into this team; they are sent now.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n of them replaced an older copy already in this team.</source>
        <translation>
            <numerusform>%n of them replaced an older copy already in this team.</numerusform>
            <numerusform>%n of them replaced older copies already in this team.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n left out: the copy already in this team is newer.</source>
        <translation>
            <numerusform>%n left out: the copy already in this team is newer.</numerusform>
            <numerusform>%n left out: the copies already in this team are newer.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) written for another team are kept on this computer; the server will not take them.</source>
        <translation>
            <numerusform>%n change written for another team is kept on this computer; the server will not take it.</numerusform>
            <numerusform>%n changes written for another team are kept on this computer; the server will not take them.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SyncTexts</name>
    <message>
        <source>No connection to the server. Your changes are kept on this computer and sync when the connection is back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The computer&apos;s clock is wrong, so the server refused some changes. Set the date and time (automatic time is best); they sync after that.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This computer is waiting for the team lead&apos;s approval.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This computer has been revoked by the team lead. Its keys have been erased and the journal can no longer be opened here; the data is kept on the server.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server does not know this computer (was the server replaced?). Ask the central team for a new enrolment code.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server is busy; sync is tried again shortly.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server answered something unreadable; nothing was lost.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync is paused: the server no longer has changes it sent to this computer before. Nothing here was changed or deleted. Ask the central team, then resume with feltjournal sync --resume.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This is not your organisation&apos;s server (its key does not match the code). Nothing was stored; check the address.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The enrolment code is not complete: it ends in a dot and 16 characters, as the central team gave it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The enrolment code is wrong, used or expired. Ask the central team for a new one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The enrolment code is for another role than this profile&apos;s.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This computer is already connected to a server.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This computer is not connected to a server.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server failed; your changes are kept. Sync is tried again later.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync failed; your changes are kept on this computer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) not yet synced</source>
        <translation>
            <numerusform>%n change not yet synced</numerusform>
            <numerusform>%n changes not yet synced</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) kept on this computer</source>
        <translation>
            <numerusform>%n change kept on this computer</numerusform>
            <numerusform>%n changes kept on this computer</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>next try in %n s</source>
        <translation>
            <numerusform>next try in %n s</numerusform>
            <numerusform>next try in %n s</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n record(s) cannot be read</source>
        <translation>
            <numerusform>%n record cannot be read</numerusform>
            <numerusform>%n records cannot be read</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n record(s) cannot be read on this computer: it lacks their key.</source>
        <translation>
            <numerusform>%n record cannot be read on this computer: it lacks its key.</numerusform>
            <numerusform>%n records cannot be read on this computer: it lacks their key.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>This concerns %n participant(s).</source>
        <translation>
            <numerusform>This concerns %n participant.</numerusform>
            <numerusform>This concerns %n participants.</numerusform>
        </translation>
    </message>
    <message>
        <source>Ask a colleague who has access, or the team lead, to sync; then sync again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) the server will not take</source>
        <translation>
            <numerusform>%n change the server will not take</numerusform>
            <numerusform>%n changes the server will not take</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) were written for another team than this server&apos;s (before this computer was enrolled, or with a server it used before); the server will not take them, but they are kept here: bring them into this team with the button beside (or “feltjournal sync --adopt-stranded”).</source>
        <translation>
            <numerusform>%n change was written for another team than this server&apos;s (before this computer was enrolled, or with a server it used before); the server will not take it, but it is kept here: bring it into this team with the button beside (or “feltjournal sync --adopt-stranded”).</numerusform>
            <numerusform>%n changes were written for another team than this server&apos;s (before this computer was enrolled, or with a server it used before); the server will not take them, but they are kept here: bring them into this team with the button beside (or “feltjournal sync --adopt-stranded”).</numerusform>
        </translation>
    </message>
    <message>
        <source>Not connected to a server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Everything you write is kept, encrypted, on this computer only. To sync with your team, connect it to the server: Feltjournal → Connect to server…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing syncs: this computer is not connected to a server (Feltjournal → Connect to server…).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync is not running on this computer; lock and unlock to start it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Syncing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Synced %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not synced yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Offline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync problem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The computer&apos;s clock is wrong</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting for the team lead&apos;s approval</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last sync: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Click to sync now.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync status</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TaskRunner</name>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TeamRecordDialog</name>
    <message>
        <source>New employer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit employer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New contact person</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit contact person</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 *</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Please correct the organisation number.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TextVersionsDialog</name>
    <message>
        <source>Changed on two machines</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This text was changed on this computer and on another one at the same time. Both changes are in the text now. The text as it was on this computer before is kept below: restore it, or keep the text as it is now.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Now, with both changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Keep the text as it is now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep %1 as it is now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Before, on this computer (written %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 before</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Restore this version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restore the earlier %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing left to review.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>UnlockView</name>
    <message>
        <source>Feltjournal is locked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unlock to continue, %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unlock to continue.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Passphrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Unlock</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>VisitFormDialog</name>
    <message>
        <source>Log a visit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Log an employer visit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Employer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Mode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>P&amp;urpose</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Participant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>M&amp;inutes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Outcome</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ne&amp;xt step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>O&amp;rg. number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;From register</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose an employer from the register</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ne&amp;w employer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add an employer that is not in the register yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name of the new employer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type to search employers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No participant (job development)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Participant was present</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Matches the participant&apos;s preferences</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About a competitive (ordinary) job</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not recorded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What came of it (Shift+Enter for a new line)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. call back on Friday</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Employer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New employer or choose from the register</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New employer&apos;s name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Date of the visit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mode of contact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Purpose</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Participant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About a competitive job</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Minutes spent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Day of the next step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the visit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Message</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Workspace</name>
    <message>
        <source>My participants</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Employers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reports</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sections</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
