package dev.quarry.generate;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import dev.quarry.schema.model.Model;
import dev.quarry.schema.model.ScalarField;
import java.io.Serializable;
import java.util.List;
import java.util.Objects;
import javax.lang.model.element.Modifier;

/** The {@code @IdClass} of a compound id ({@code @@id([a, b])}): the id's fields, compared by value. */
final class KeyWriter {

    private final JavaNames names;

    KeyWriter(JavaNames names) {
        this.names = names;
    }

    TypeSpec write(Model model, List<String> idFields) {
        ClassName self = names.model(model.name()).nestedClass(names.keyClass);
        TypeSpec.Builder key = TypeSpec.classBuilder(self)
                .addJavadoc(
                        "The compound id of {@code $L}, for {@code session.find($T.class, new $T(…))}.\n",
                        EnumWriter.javadocText(model.name()),
                        names.model(model.name()),
                        self)
                .addModifiers(Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
                .addSuperinterface(Serializable.class)
                .addMethod(MethodSpec.constructorBuilder()
                        .addModifiers(Modifier.PUBLIC)
                        .build());
        MethodSpec.Builder constructor = MethodSpec.constructorBuilder().addModifiers(Modifier.PUBLIC);
        CodeBlock.Builder equals = CodeBlock.builder();
        for (String fieldName : idFields) {
            ScalarField field = model.scalarField(fieldName);
            String name = JavaNames.identifier(field.name());
            TypeName type = JavaTypes.of(names, field);
            key.addField(FieldSpec.builder(type, name, Modifier.PRIVATE).build());
            constructor.addParameter(type, name).addStatement("this.$N = $N", name, name);
            key.addMethod(MethodSpec.methodBuilder(JavaNames.getter(name))
                    .addModifiers(Modifier.PUBLIC)
                    .returns(type)
                    .addStatement("return $N", name)
                    .build());
            equals.add(equals.isEmpty() ? "" : "\n        && ")
                    .add("$T.equals(this.$N, other.$N)", Objects.class, name, name);
        }
        key.addMethod(constructor.build());
        key.addMethod(MethodSpec.methodBuilder("equals")
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC)
                .returns(boolean.class)
                .addParameter(Object.class, "object")
                .addStatement("return object instanceof $T other && $L", self, equals.build())
                .build());
        key.addMethod(MethodSpec.methodBuilder("hashCode")
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC)
                .returns(int.class)
                .addStatement(
                        "return $T.hash($L)",
                        Objects.class,
                        String.join(
                                ", ",
                                idFields.stream().map(JavaNames::identifier).toList()))
                .build());
        return key.build();
    }
}
