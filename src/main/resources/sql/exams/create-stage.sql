create temp table stage_exam on commit drop as table core.exam_record with no data
