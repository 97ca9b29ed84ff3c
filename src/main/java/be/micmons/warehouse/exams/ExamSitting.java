package be.micmons.warehouse.exams;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;

/**
 * One delivered exam row, normalized, with hashed person identifiers only: the HMAC's 32 bytes, as
 * they are stored (an array's equality is its identity: compare sittings by their fields).
 */
public record ExamSitting(String provider, String registrationId, byte[] candidateHash, byte[] personHash,
                          String examCode, String examTitle, LocalDate examDate, String status,
                          BigDecimal score, BigDecimal passingScore, String result, boolean passed,
                          Long dbId, OffsetDateTime dbUpdatedAt) {}
