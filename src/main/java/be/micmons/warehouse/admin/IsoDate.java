package be.micmons.warehouse.admin;

import be.micmons.warehouse.api.BadRequestException;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** A request value that is a real date written yyyy-MM-dd, between 1900 and 2999 (null: see @NotBlank). */
@Documented
@Constraint(validatedBy = IsoDate.Check.class)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
public @interface IsoDate {
    String message() default "must be a real date written yyyy-MM-dd, between 1900 and 2999";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** The check of {@link Params#date}, as a constraint. */
    class Check implements ConstraintValidator<IsoDate, String> {
        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            if (value == null || value.isBlank()) {
                return true;
            }
            try {
                Params.date(value, "date");
                return true;
            } catch (BadRequestException e) {
                return false;
            }
        }
    }
}
