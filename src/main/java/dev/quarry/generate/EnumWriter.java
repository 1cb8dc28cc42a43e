package dev.quarry.generate;

import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import dev.quarry.schema.model.EnumType;
import javax.lang.model.element.Modifier;

/**
 * A schema enum as a Java enum. Constants keep the schema's value names; each carries its database
 * value ({@code @map}), and the nested converters store that value in the PostgreSQL enum column.
 */
final class EnumWriter {

    private static final ClassName ATTRIBUTE_CONVERTER = ClassName.get("jakarta.persistence", "AttributeConverter");
    private static final ClassName CONVERTER = ClassName.get("jakarta.persistence", "Converter");

    private final JavaNames names;

    EnumWriter(JavaNames names) {
        this.names = names;
    }

    TypeSpec write(EnumType enumType) {
        ClassName self = names.enumType(enumType.name());
        TypeSpec.Builder type = TypeSpec.enumBuilder(self)
                .addModifiers(Modifier.PUBLIC)
                .addAnnotation(JavaEntityGenerator.generatedAnnotation())
                .alwaysQualify(names.clashingTypeNames());
        type.addJavadoc("The PostgreSQL enum type {@code $L}.\n", javadocText(enumType.dbName()));
        enumType.documentation().ifPresent(doc -> type.addJavadoc("\n<p>$L\n", javadocText(doc)));
        for (EnumType.EnumValue value : enumType.values()) {
            TypeSpec.Builder constant = TypeSpec.anonymousClassBuilder("$S", value.dbName());
            value.documentation().ifPresent(doc -> constant.addJavadoc("$L\n", javadocText(doc)));
            type.addEnumConstant(constantName(value.name()), constant.build());
        }
        type.addField(FieldSpec.builder(String.class, "databaseValue", Modifier.PRIVATE, Modifier.FINAL)
                .build());
        type.addMethod(MethodSpec.constructorBuilder()
                .addParameter(String.class, "databaseValue")
                .addStatement("this.databaseValue = databaseValue")
                .build());
        type.addMethod(MethodSpec.methodBuilder("databaseValue")
                .addJavadoc("The value stored in the database (the {@code @map} of the value, else its name).\n")
                .addModifiers(Modifier.PUBLIC)
                .returns(String.class)
                .addStatement("return databaseValue")
                .build());
        type.addMethod(MethodSpec.methodBuilder("fromDatabaseValue")
                .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                .returns(self)
                .addParameter(String.class, "databaseValue")
                .beginControlFlow("for ($T value : values())", self)
                .beginControlFlow("if (value.databaseValue.equals(databaseValue))")
                .addStatement("return value")
                .endControlFlow()
                .endControlFlow()
                .addStatement(
                        "throw new $T($S + databaseValue)",
                        IllegalArgumentException.class,
                        "not a value of " + enumType.dbName() + ": ")
                .build());
        type.addType(converter(self));
        type.addType(arrayConverter(self));
        return type.build();
    }

    /** Enum constants share a namespace with the enum's own members; ours get out of the way. */
    static String constantName(String valueName) {
        String name = JavaNames.identifier(valueName);
        return name.equals("databaseValue") ? name + "_" : name;
    }

    private TypeSpec converter(ClassName self) {
        TypeName string = ClassName.get(String.class);
        return TypeSpec.classBuilder(names.converterClass)
                .addJavadoc("Stores the value in the PostgreSQL enum column.\n")
                .addModifiers(Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
                .addAnnotation(CONVERTER)
                .addSuperinterface(ParameterizedTypeName.get(ATTRIBUTE_CONVERTER, self, string))
                .addMethod(MethodSpec.methodBuilder("convertToDatabaseColumn")
                        .addAnnotation(Override.class)
                        .addModifiers(Modifier.PUBLIC)
                        .returns(string)
                        .addParameter(self, "value")
                        .addStatement("return value == null ? null : value.databaseValue")
                        .build())
                .addMethod(MethodSpec.methodBuilder("convertToEntityAttribute")
                        .addAnnotation(Override.class)
                        .addModifiers(Modifier.PUBLIC)
                        .returns(self)
                        .addParameter(string, "databaseValue")
                        .addStatement("return databaseValue == null ? null : fromDatabaseValue(databaseValue)")
                        .build())
                .build();
    }

    private TypeSpec arrayConverter(ClassName self) {
        ArrayTypeName values = ArrayTypeName.of(self);
        ArrayTypeName strings = ArrayTypeName.of(String.class);
        return TypeSpec.classBuilder(names.arrayConverterClass)
                .addJavadoc("Stores a list of values in a PostgreSQL array of the enum type.\n")
                .addModifiers(Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
                .addAnnotation(CONVERTER)
                .addSuperinterface(ParameterizedTypeName.get(ATTRIBUTE_CONVERTER, values, strings))
                .addMethod(MethodSpec.methodBuilder("convertToDatabaseColumn")
                        .addAnnotation(Override.class)
                        .addModifiers(Modifier.PUBLIC)
                        .returns(strings)
                        .addParameter(values, "values")
                        .beginControlFlow("if (values == null)")
                        .addStatement("return null")
                        .endControlFlow()
                        .addStatement("$T databaseValues = new $T[values.length]", strings, String.class)
                        .beginControlFlow("for (int i = 0; i < values.length; i++)")
                        .addStatement("databaseValues[i] = values[i] == null ? null : values[i].databaseValue")
                        .endControlFlow()
                        .addStatement("return databaseValues")
                        .build())
                .addMethod(MethodSpec.methodBuilder("convertToEntityAttribute")
                        .addAnnotation(Override.class)
                        .addModifiers(Modifier.PUBLIC)
                        .returns(values)
                        .addParameter(strings, "databaseValues")
                        .beginControlFlow("if (databaseValues == null)")
                        .addStatement("return null")
                        .endControlFlow()
                        .addStatement("$T values = new $T[databaseValues.length]", values, self)
                        .beginControlFlow("for (int i = 0; i < databaseValues.length; i++)")
                        .addStatement("values[i] = databaseValues[i] == null ? null : "
                                + "fromDatabaseValue(databaseValues[i])")
                        .endControlFlow()
                        .addStatement("return values")
                        .build())
                .build();
    }

    /** Text inside a Javadoc comment: no comment terminator, no stray format characters. */
    static String javadocText(String text) {
        return text.replace("*/", "*&#47;").replace("@", "{@literal @}");
    }
}
