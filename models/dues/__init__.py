"""Party dues (đảng phí): versioned rules, exemptions and reductions, what each member owes
for a month, payments, the 3-unpaid-months flag, and the remittance to the upper level.

Rules are data (``DuesRule``), one row per category and effective date; a month's dues use the
rule in force on the first day of that month. The rates of Quy định 01-QĐ/TW (in force
01/02/2026) are shipped: 1% of last month's insured salary (or sick/maternity allowance), 0.5%
of the pension, 5.000 đ for pupils and students; other members by a formula read from the
settings (a rate of a base: the member's declared income, or a fixed base such as the regional
minimum wage).

Exempt (miễn): 50 years of membership or more (worked out from the admission date), and, when
recorded with the reason, a social retirement allowance, a poor or near-poor household, a
serious illness. Reductions of 30/50/70% last at most 12 months and name who decided.

A cash payment gets its numbered receipt and its cash book line in the same transaction; a
payment on the National Public Service Portal gets neither. A member with 3 or more unpaid
months in a calendar year is flagged on "Hôm nay"; nobody is ever removed by the program.

Callers use ``from models import dues; dues.X``: every public name is here.

  records     settings, vocabulary, the tables, the rules shipped (Quy định 01-QĐ/TW)
  rules       months, what a member owes (rules, exemptions, reductions) and changing them
  payments    payments, their receipts and cash book lines, unpaid months, the Hôm nay flag
  sheet       one month's collection: the sheet and the list on screen
  remittance  what was collected, the share remitted upwards, its deadline, the dues report
  exports     exports of members and payments; the dues' figures in the statistics
"""
# ruff: noqa: F401  (the package re-exports its modules' public names)
from __future__ import annotations

# in the order the names stood in the one file, so registrations keep their order
from .records import (DUES_MODELS, DuesExemption, DuesPayment, DuesRule, EXEMPT_REASONS, METHODS,
                      PaymentMonth, REDUCTION_MAX_MONTHS, REDUCTION_PERCENTS, Remittance, SHIPPED_RULES,
                      UNPAID_FLAG, install)
from .rules import (Due, NewRule, RULE_BASIS_MISSING, Rules, active_exemptions, add_exemption, add_rule,
                    cancel_rule, check_rule, due_for, expected_month,
                    format_month, month_start, months_between, months_label, next_month, parse_month,
                    revoke_exemption, rules_table)
from .payments import (cancel_portal_payment, flagged_members, paid_months, payments_of, receipt_ids_for,
                       receipt_of, record_payment, unpaid_months)
from .sheet import (DuesMonthSource, SheetRow, collection_sheet)
from .remittance import (DuesReport, ReportRow, Totals, collected_between, dues_report, last_period,
                         record_remittance, remit_deadline, remittance_due, split)
from .exports import (EXPORT_KINDS, PAYMENT_HEADERS, export, payment_rows)
