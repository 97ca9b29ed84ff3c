package be.micmons.warehouse.exams;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;

/** One delivered exam row, normalized, with hashed person identifiers only. */
public record ExamSitting(String provider, String registrationId, String candidateHash, String personHash,
                          String examCode, String examTitle, LocalDate examDate, String status,
                          BigDecimal score, BigDecimal passingScore, String result, boolean passed,
                          Long dbId, OffsetDateTime dbUpdatedAt) {}
